"""An editor who uploads a picture twice from the image chooser and keeps the one already there: the
duplicate is deleted, and no "image deleted" message waits for their next page (it read as if the
article's picture had gone)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model

from tests.factories import ImageFactory, member_of

pytestmark = pytest.mark.django_db


def test_keeping_the_existing_image_deletes_the_duplicate_without_a_message(client):
    client.force_login(member_of("Biên tập viên", "bientap"))
    original = ImageFactory()
    original.file.open("rb")
    picture = original.file.read()
    original.file.close()

    def upload():
        return client.post(
            reverse("wagtailimages_chooser:create"),
            {
                "image-chooser-upload-title": "anh-hoi-thao",
                "image-chooser-upload-file": SimpleUploadedFile("anh-hoi-thao.jpg", picture),
                "image-chooser-upload-description": "Ảnh hội thảo",
            },
        ).json()

    first = upload()
    assert first["step"] == "chosen"
    duplicate = upload()
    assert duplicate["step"] == "duplicate_found"
    delete_url = re.search(r'href="([^"]+)"\s+class="use-existing-image', duplicate["htmlFragment"]).group(1)
    delete_url = delete_url.replace("&amp;", "&")
    images = get_image_model().objects.filter(title="anh-hoi-thao")
    assert images.count() == 2

    response = client.post(delete_url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailimages_chooser:choose"))
    assert images.count() == 1
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "anh-hoi-thao" not in dashboard  # no "Đã xóa ảnh “anh-hoi-thao”." waiting


def test_deleting_an_image_from_the_library_still_says_so(admin_client):
    image = ImageFactory(title="anh-cu")

    response = admin_client.post(reverse("wagtailimages:delete", args=[image.pk]), follow=True)

    assert "Đã xóa ảnh “anh-cu”." in response.content.decode()
