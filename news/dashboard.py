"""The editor's corner of the admin dashboard: "Viết bài mới" one click away, and "Bài của tôi" — the
user's own articles as drafts (to resume or delete, such as one an abandoned session's autosave left),
in moderation, and published."""

from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import GroupPagePermission, Site, WorkflowState, get_default_page_content_type

from news.models import ArticlePage, NewsIndexPage

SHOWN_PER_GROUP = 10


class MyArticlesPanel(Component):
    """The dashboard panel with the "Viết bài mới" button and the user's own articles."""

    name = "my_articles"
    order = 20
    template_name = "news/admin/my_articles_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        user = self.user
        news_index = news_index_to_write_in(user, parent_context.get("request"))
        can_write = news_index is not None
        in_moderation = WorkflowState.objects.active().filter(
            base_content_type=get_default_page_content_type(),
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
        mine = (
            ArticlePage.objects.filter(owner=user)
            .annotate(in_moderation=Exists(in_moderation))
            .order_by("-latest_revision_created_at", "-pk")
        )
        drafts = mine.filter(live=False, in_moderation=False)[:SHOWN_PER_GROUP]
        return {
            "title": _("My articles"),
            "add_url": (
                reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])
                if can_write
                else ""
            ),
            "drafts": [(article, article.permissions_for_user(user).can_delete()) for article in drafts],
            "in_moderation": list(mine.filter(in_moderation=True)[:SHOWN_PER_GROUP]),
            "published": list(mine.filter(live=True, in_moderation=False)[:SHOWN_PER_GROUP]),
            "dashboard_url": reverse("wagtailadmin_home"),
        }


def news_index_to_write_in(user, request) -> NewsIndexPage | None:
    """The news section "Viết bài mới" adds to: on an install of several department sites, the one of the
    site the admin is opened on if the user may write there, else the first (in tree order) they may
    write in; None when they may write in none."""
    site = Site.find_for_request(request) if request is not None else None
    root_path = site.root_page.path if site is not None else None
    indexes = sorted(
        NewsIndexPage.objects.live().order_by("path"),
        key=lambda index: not (root_path and index.path.startswith(root_path)),
    )
    return next((index for index in indexes if index.permissions_for_user(user).can_add_subpage()), None)


def writes_articles(user) -> bool:
    """Whether the dashboard offers `user` the writing panel: those who may add pages somewhere."""
    return (
        user.is_superuser
        or GroupPagePermission.objects.filter(group__user=user, permission__codename="add_page").exists()
    )
