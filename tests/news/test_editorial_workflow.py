"""Editors write, moderators approve or reject, nothing is public before approval; scheduling works."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Workflow

from news.models import ArticlePage
from tests.factories import EDITORS, MODERATORS, member_of, publish_article
from tests.helpers import article_add_url, article_form

pytestmark = pytest.mark.django_db


def test_migrations_create_the_two_editorial_groups_and_the_moderation_workflow():
    editors, moderators = Group.objects.get(name=EDITORS), Group.objects.get(name=MODERATORS)
    root = Page.get_first_root_node()

    editor_page_perms = set(editors.page_permissions.values_list("permission__codename", flat=True))
    moderator_page_perms = set(moderators.page_permissions.values_list("permission__codename", flat=True))
    assert editor_page_perms == {"add_page", "change_page"}
    assert {"add_page", "change_page", "publish_page"} <= moderator_page_perms
    workflow = Workflow.objects.get(name="Kiểm duyệt tin bài")
    assert [task.specific.groups.get() for task in workflow.tasks] == [moderators]
    assert root.get_workflow() == workflow


def test_editor_submits_moderator_approves_then_the_article_is_public(client, news_index, reform_category):
    client.force_login(member_of(EDITORS, "bientap"))

    response = client.post(
        article_add_url(news_index), article_form(reform_category, **{"action-submit": "submit"})
    )

    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    article = ArticlePage.objects.get(slug="cong-bo-chi-so-cchc-2023")
    assert not article.live
    assert article.current_workflow_state.status == "in_progress"
    assert client.get("/tin-tuc/").content.decode().count("Sở công bố kết quả") == 0
    assert client.get(article.url or "/tin-tuc/cong-bo-chi-so-cchc-2023/").status_code == 404

    client.force_login(member_of(MODERATORS, "kiemduyet"))
    task_state = article.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk]),
        {"comment": "Đồng ý đăng."},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    article.refresh_from_db()
    assert article.live
    client.logout()
    assert "Sở công bố kết quả Chỉ số CCHC năm 2023" in client.get("/tin-tuc/").content.decode()
    assert "Sở công bố kết quả Chỉ số CCHC năm 2023" in client.get("/").content.decode()
    assert "Sở công bố kết quả Chỉ số CCHC năm 2023" in client.get("/tin-tuc/rss/").content.decode()


def test_moderator_rejects_with_a_comment_and_the_article_stays_private(client, news_index, reform_category):
    client.force_login(member_of(EDITORS, "bientap"))
    client.post(article_add_url(news_index), article_form(reform_category, **{"action-submit": "submit"}))
    article = ArticlePage.objects.get(slug="cong-bo-chi-so-cchc-2023")

    client.force_login(member_of(MODERATORS, "kiemduyet"))
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[article.pk, "reject", article.current_workflow_task_state.pk],
        ),
        {"comment": "Thiếu nguồn số liệu."},
    )

    article.refresh_from_db()
    assert not article.live
    assert article.current_workflow_state.status == "needs_changes"
    assert article.current_workflow_state.current_task_state.comment == "Thiếu nguồn số liệu."


def test_an_editor_cannot_publish_directly(client, news_index, reform_category):
    client.force_login(member_of(EDITORS, "bientap"))

    client.post(article_add_url(news_index), article_form(reform_category, **{"action-publish": "publish"}))

    article = ArticlePage.objects.get(slug="cong-bo-chi-so-cchc-2023")
    assert not article.live


def test_scheduled_article_goes_live_at_its_time_through_publish_scheduled(
    client, news_index, reform_category
):
    client.force_login(member_of(MODERATORS, "kiemduyet"))
    go_live = timezone.localtime() + timedelta(hours=2)

    response = client.post(
        article_add_url(news_index),
        article_form(
            reform_category,
            go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
            **{"action-publish": "publish"},
        ),
    )

    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="cong-bo-chi-so-cchc-2023")
    assert not article.live
    call_command("publish_scheduled")
    assert not ArticlePage.objects.get(pk=article.pk).live
    with time_machine.travel(go_live + timedelta(minutes=1)):
        call_command("publish_scheduled")
    assert ArticlePage.objects.get(pk=article.pk).live
    client.logout()
    assert "Sở công bố kết quả Chỉ số CCHC năm 2023" in client.get("/tin-tuc/").content.decode()


def test_unpublishing_takes_an_article_off_the_site_and_revisions_are_kept(
    client, news_index, reform_category
):
    client.force_login(member_of(MODERATORS, "kiemduyet"))
    client.post(article_add_url(news_index), article_form(reform_category, **{"action-publish": "publish"}))
    article = ArticlePage.objects.get(slug="cong-bo-chi-so-cchc-2023")
    edit = article_form(reform_category, **{"action-publish": "publish"})
    edit["lead"] = "Chỉ số CCHC năm 2023 đạt 83,45 điểm (đã sửa)."
    client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), edit)

    client.post(reverse("wagtailadmin_pages:unpublish", args=[article.pk]))

    article.refresh_from_db()
    assert not article.live
    assert article.revisions.count() == 2
    client.logout()
    assert client.get("/tin-tuc/cong-bo-chi-so-cchc-2023/").status_code == 404


def test_the_editor_preview_is_not_public(client, news_index, reform_category):
    client.force_login(member_of(EDITORS, "bientap"))
    client.post(article_add_url(news_index), article_form(reform_category, **{"action-save": "save"}))
    article = ArticlePage.objects.get(slug="cong-bo-chi-so-cchc-2023")

    preview = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk]))
    client.logout()

    assert preview.status_code == 200
    assert client.get("/tin-tuc/cong-bo-chi-so-cchc-2023/").status_code == 404


def test_the_article_editor_is_in_vietnamese(client, news_index, reform_category):
    client.force_login(member_of(EDITORS, "bientap"))

    html = client.get(article_add_url(news_index)).content.decode()

    for label in [
        "Sapo",
        "Tác giả",
        "Nguồn tin",
        "Ảnh đại diện",
        "Chuyên mục, thẻ và cơ quan",
        "Cơ quan liên quan",
        "Cải cách hành chính",
    ]:
        assert label in html, label


def test_a_preview_of_a_live_article_shows_the_tags_and_category_being_edited(
    client, news_index, reform_category, events_category
):
    """The live page keeps its category, tags and agencies with the lists; a preview shows the edit's."""
    article = publish_article(
        news_index, slug="cong-bo-chi-so-cchc-2023", categories=[reform_category], tags=["Hội nghị"]
    )
    live = client.get(article.url).text
    assert 'rel="tag">Hội nghị</a>' in live and ">Cải cách hành chính</a></li>" in live

    client.force_login(member_of(EDITORS, "bientap"))
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    edited = article_form(events_category, tags="Chuyển đổi số, Một cửa")
    assert client.post(preview_url, edited).json()["is_valid"]
    preview = client.get(preview_url).text

    assert 'rel="tag">Chuyển đổi số</a>' in preview and 'rel="tag">Hội nghị</a>' not in preview
    assert ">Tin tức - Sự kiện</a></li>" in preview
    assert 'rel="tag">Hội nghị</a>' in client.get(article.url).text  # nothing published yet
