"""Documents are served only through Wagtail's document view (/documents/<id>/<file>): as an attachment,
under a Content-Security-Policy that lets nothing in them run. Their files are not under /media/."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

# A spreadsheet a reader's browser would otherwise open in place: HTML in a CSV is still HTML to a sniffer.
CONTENT = 'Cơ quan,Chỉ số\nSở Khoa học và Công nghệ,"83,45"\n<script>alert(1)</script>\n'.encode()


@pytest.fixture
def uploaded(admin_client):
    """A document uploaded through the admin, as an editor does."""
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Kết quả Chỉ số CCHC 2023", "file": SimpleUploadedFile("ket-qua.csv", CONTENT, "text/csv")},
    )
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Kết quả Chỉ số CCHC 2023")
    assert document.file.storage.exists(document.file.name)
    assert document.file.name.startswith("documents/")
    return document


def test_the_document_view_serves_it_as_an_attachment_under_a_strict_policy(client, uploaded):
    response = client.get(uploaded.url)

    assert uploaded.url == f"/documents/{uploaded.pk}/{uploaded.filename}"
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "/media/documents/{name}",
        "/media/./documents/{name}",
        "/media//documents/{name}",
        "/media/images/../documents/{name}",
        "/media/documents%2F{name}",
        "/media/documents/",
    ],
)
def test_its_file_is_not_served_under_media(client, uploaded, path):
    name = uploaded.file.name.removeprefix("documents/")

    response = client.get(path.format(name=name))

    assert response.status_code == 404
    assert CONTENT not in response.content


def test_images_are_still_served_under_media(client, db):
    image = ImageFactory()

    response = client.get(image.file.url)

    assert image.file.url.startswith("/media/original_images/")
    assert response.status_code == 200


def test_wagtail_is_told_to_serve_documents_through_its_view(settings):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
