"""Who may delete an image or a document: media that published content uses belong to Kiểm duyệt viên.

Biên tập viên (editors) may edit any image or document and delete an unused one, as Wagtail lets them
(its ownership policy), but not one a live page, a published edition or the site settings use: that
would take it off public pages without a moderator. Every check goes through the admin's own views.
"""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.urls import resolve, reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from portal.models import AgencySettings
from tests.factories import ArticlePageFactory, ImageFactory, UserFactory, publish_article
from tests.indexes.factories import IndexEditionFactory

pytestmark = pytest.mark.django_db

Image = get_image_model()
Document = get_document_model()

EDITORS, MODERATORS = "Biên tập viên", "Kiểm duyệt viên"
IN_USE_IMAGE = (
    "Ảnh “{title}” đang được dùng trong nội dung đã xuất bản, nên chỉ Kiểm duyệt viên mới được xoá."
)
IN_USE_DOCUMENT = (
    "Tài liệu “{title}” đang được dùng trong nội dung đã xuất bản, nên chỉ Kiểm duyệt viên mới được xoá."
)


def member_of(group_name, username):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return member_of(EDITORS, "bientap")


@pytest.fixture
def moderator(db):
    return member_of(MODERATORS, "kiemduyet")


def message_texts(response) -> list[str]:
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def image(title, owner):
    """A real image (Pillow draws it) uploaded by `owner` to the collection the admin uploads to."""
    return ImageFactory(title=title, uploaded_by_user=owner, collection=Collection.get_first_root_node())


def document(title, owner, name="quyet-dinh.pdf"):
    doc = Document(title=title, uploaded_by_user=owner, collection=Collection.get_first_root_node())
    doc.file.save(name, ContentFile(b"%PDF-1.4\n% Quyet dinh cong bo Chi so CCHC\n"), save=False)
    doc.save()
    return doc


def image_delete_url(image):
    return reverse("wagtailimages:delete", args=[image.pk])


def document_delete_url(doc):
    return reverse("wagtaildocs:delete", args=[doc.pk])


@pytest.fixture
def hero(news_index, editor, client):
    """The main image of a live article, uploaded by the editor, its renditions made by a reader's visit."""
    main_image = image("Toàn cảnh hội nghị", editor)
    article = publish_article(news_index, title="Hội nghị cải cách hành chính", hero_image=main_image)
    assert client.get(article.url).status_code == 200
    assert main_image.renditions.exists()
    return main_image


def test_the_portal_answers_the_delete_addresses_of_images_and_documents():
    """The delete views that explain a refusal answer Wagtail's own addresses (see portal/wagtail_hooks.py)."""
    assert resolve(reverse("wagtailimages:delete", args=[1])).url_name == "portal_image_delete"
    assert resolve(reverse("wagtaildocs:delete", args=[1])).url_name == "portal_document_delete"


def test_an_editor_cannot_delete_the_main_image_of_a_live_article(client, hero, editor):
    client.force_login(editor)

    edit = client.get(reverse("wagtailimages:edit", args=[hero.pk]))
    assert edit.status_code == 200
    assert image_delete_url(hero) not in edit.content.decode()  # no Delete button

    for send in (client.get, client.post):
        response = send(image_delete_url(hero))
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailimages:edit", args=[hero.pk])
        assert message_texts(response) == [IN_USE_IMAGE.format(title="Toàn cảnh hội nghị")]
        landed = client.get(response["Location"])  # where the editor reads it
        assert IN_USE_IMAGE.format(title="Toàn cảnh hội nghị") in landed.content.decode()
    assert Image.objects.filter(pk=hero.pk).exists()
    assert hero.file.storage.exists(hero.file.name)
    assert hero.renditions.exists()


def test_nor_through_the_bulk_delete(client, hero, editor):
    client.force_login(editor)
    url = reverse("wagtail_bulk_action", args=["wagtailimages", "image", "delete"]) + f"?id={hero.pk}"

    asked = client.get(url)
    posted = client.post(url)

    assert asked.status_code == 200
    assert asked.context["items"] == [] and [
        item["item"] for item in asked.context["items_with_no_access"]
    ] == [hero]
    assert posted.status_code == 302
    assert Image.objects.filter(pk=hero.pk).exists()


def test_a_moderator_deletes_an_image_a_live_article_uses(client, hero, moderator):
    client.force_login(moderator)

    assert client.get(image_delete_url(hero)).status_code == 200
    response = client.post(image_delete_url(hero))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailimages:index")
    assert not Image.objects.filter(pk=hero.pk).exists()


def test_an_editor_deletes_an_unused_image_they_uploaded(client, editor, news_index):
    unused = image("Ảnh chụp thử", editor)
    in_a_draft = image("Ảnh cho bài đang viết", editor)
    draft = ArticlePageFactory(parent=news_index, live=False, hero_image=in_a_draft)
    draft.save_revision()
    client.force_login(editor)

    for item in (unused, in_a_draft):
        assert client.get(image_delete_url(item)).status_code == 200
        response = client.post(image_delete_url(item))
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailimages:index")
        assert not Image.objects.filter(pk=item.pk).exists()


def test_an_editor_cannot_delete_the_site_logo(client, editor, home_page):
    logo = image("Logo của Sở", editor)
    identity = AgencySettings.objects.get()
    identity.logo = logo
    identity.save()
    client.force_login(editor)

    response = client.post(image_delete_url(logo))

    assert response.status_code == 302
    assert message_texts(response) == [IN_USE_IMAGE.format(title="Logo của Sở")]
    assert Image.objects.filter(pk=logo.pk).exists()


def test_an_editor_cannot_delete_a_document_a_live_article_links_to(client, editor, moderator, news_index):
    decision = document("Quyết định 57/QĐ-UBND", editor)
    publish_article(
        news_index,
        title="Công bố Chỉ số CCHC năm 2023",
        body=[{"type": "document", "value": {"document": decision.pk, "title": ""}}],
    )
    client.force_login(editor)

    edit = client.get(reverse("wagtaildocs:edit", args=[decision.pk]))
    assert edit.status_code == 200
    assert document_delete_url(decision) not in edit.content.decode()

    for send in (client.get, client.post):
        response = send(document_delete_url(decision))
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtaildocs:edit", args=[decision.pk])
        assert message_texts(response) == [IN_USE_DOCUMENT.format(title="Quyết định 57/QĐ-UBND")]
        client.get(response["Location"])
    assert Document.objects.filter(pk=decision.pk).exists()
    assert decision.file.storage.exists(decision.file.name)

    client.force_login(moderator)
    response = client.post(document_delete_url(decision))
    assert response.status_code == 302
    assert not Document.objects.filter(pk=decision.pk).exists()


def test_an_editor_cannot_delete_the_decision_of_a_published_edition(client, editor):
    decision = document("Quyết định công bố Chỉ số CCHC 2023", editor)
    IndexEditionFactory(decision_document=decision)
    client.force_login(editor)

    response = client.post(document_delete_url(decision))

    assert response.status_code == 302
    assert message_texts(response) == [IN_USE_DOCUMENT.format(title="Quyết định công bố Chỉ số CCHC 2023")]
    assert Document.objects.filter(pk=decision.pk).exists()


def test_an_editor_deletes_an_unused_document_they_uploaded_and_one_a_draft_edition_uses(client, editor):
    unused = document("Bản nháp công văn", editor, name="cong-van.pdf")
    for_a_draft = document("Dự thảo quyết định", editor, name="du-thao.pdf")
    IndexEditionFactory(decision_document=for_a_draft, live=False)
    client.force_login(editor)

    for doc in (unused, for_a_draft):
        response = client.post(document_delete_url(doc))
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtaildocs:index")
        assert not Document.objects.filter(pk=doc.pk).exists()


def test_the_refusal_reads_as_vietnamese_on_the_page_the_editor_lands_on(client, hero, editor):
    client.force_login(editor)

    landed = client.get(image_delete_url(hero), follow=True)

    html = landed.content.decode()
    assert landed.status_code == 200
    assert IN_USE_IMAGE.format(title="Toàn cảnh hội nghị") in html
    assert "only a moderator" not in html
