"""An agency's editors and moderators work on their own site alone, through the admin as its members."""

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.documents.tests.utils import get_test_document_file

from news.models import NewsIndexPage
from tests.factories import ImageFactory, publish_article
from tests.sites.conftest import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def khcn_news(khcn):
    return NewsIndexPage.objects.child_of(khcn.home).get()


@pytest.fixture
def xd_article(xd):
    return publish_article(NewsIndexPage.objects.child_of(xd.home).get(), title="Tin của Sở Xây dựng")


@pytest.mark.parametrize("group", ["editors", "moderators"])
def test_a_site_member_cannot_open_or_change_another_sites_pages(client, khcn, xd, xd_article, group):
    user = member(getattr(khcn, group), "bientap-khcn")
    client.force_login(user)

    own = client.get(reverse("wagtailadmin_pages:edit", args=[khcn.home.pk]))
    other = client.get(reverse("wagtailadmin_pages:edit", args=[xd_article.pk]))
    posted = client.post(
        reverse("wagtailadmin_pages:edit", args=[xd_article.pk]),
        {"title": "Sửa trộm", "slug": xd_article.slug},
    )
    add_under_other = client.get(
        reverse("wagtailadmin_pages:add_subpage", args=[NewsIndexPage.objects.child_of(xd.home).get().pk])
    )

    assert own.status_code == 200
    assert other.status_code == posted.status_code == add_under_other.status_code == 302
    xd_article.refresh_from_db()
    assert xd_article.title == "Tin của Sở Xây dựng"
    # The page explorer starts at the member's own home page and never lists the other site.
    explorer = client.get(reverse("wagtailadmin_explore_root"), follow=True)
    assert "Tin của Sở Xây dựng" not in explorer.content.decode()
    search = client.get(reverse("wagtailadmin_pages:search"), {"q": "Sở Xây dựng"})
    assert "Tin của Sở Xây dựng" not in search.content.decode()


def test_a_site_member_sees_and_changes_only_their_own_sites_images(client, khcn, xd):
    theirs = ImageFactory(title="Ảnh của Sở Xây dựng", collection=xd.collection)
    ours = ImageFactory(title="Ảnh của Sở KH&CN", collection=khcn.collection)
    client.force_login(member(khcn.editors, "bientap-khcn"))

    listing = client.get(reverse("wagtailimages:index")).content.decode()
    chooser = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    edit_theirs = client.get(reverse("wagtailimages:edit", args=[theirs.pk]))
    post_theirs = client.post(reverse("wagtailimages:edit", args=[theirs.pk]), {"title": "Đổi tên"})
    delete_theirs = client.post(reverse("wagtailimages:delete", args=[theirs.pk]))

    assert "Ảnh của Sở KH&amp;CN" in listing and "Ảnh của Sở Xây dựng" not in listing
    assert "Ảnh của Sở KH&amp;CN" in chooser and "Ảnh của Sở Xây dựng" not in chooser
    assert client.get(reverse("wagtailimages:edit", args=[ours.pk])).status_code == 200
    assert edit_theirs.status_code == post_theirs.status_code == delete_theirs.status_code == 302
    theirs.refresh_from_db()
    assert theirs.title == "Ảnh của Sở Xây dựng"


def test_a_site_member_sees_and_changes_only_their_own_sites_documents(client, khcn, xd):
    document_model = get_document_model()
    theirs = document_model.objects.create(
        title="Kế hoạch của Sở Xây dựng", file=get_test_document_file(), collection=xd.collection
    )
    client.force_login(member(khcn.moderators, "kiemduyet-khcn"))

    listing = client.get(reverse("wagtaildocs:index")).content.decode()
    edit_theirs = client.get(reverse("wagtaildocs:edit", args=[theirs.pk]))
    delete_theirs = client.post(reverse("wagtaildocs:delete", args=[theirs.pk]))

    assert "Kế hoạch của Sở Xây dựng" not in listing
    assert edit_theirs.status_code == delete_theirs.status_code == 302
    assert document_model.objects.filter(pk=theirs.pk).exists()


def test_an_editor_uploads_into_their_own_sites_collection(client, khcn, xd):
    client.force_login(member(khcn.editors, "bientap-khcn"))

    form = client.get(reverse("wagtailimages:add_multiple")).content.decode()

    # The only collection offered is the site's own (so no choice is shown, or only that one).
    assert "Sở Xây dựng" not in form
