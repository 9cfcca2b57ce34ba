"""News in Wagtail's admin: categories as snippets, the dashboard's writing panel."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.dashboard import MyArticlesPanel, writes_articles
from news.models import NewsCategory
from portal.site_scoping import SiteScopedPermissionPolicy, SiteScopedViewSetMixin

register_permission_policy(NewsCategory, SiteScopedPermissionPolicy(NewsCategory), exact_class=True)


class NewsCategoryViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = NewsCategory
    icon = "folder-open-inverse"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug", "site", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


register_snippet(NewsCategoryViewSet)


@hooks.register("construct_homepage_panels")
def add_my_articles_panel(request, panels):
    """ "Viết bài mới" and "Bài của tôi" for those who write."""
    if writes_articles(request.user):
        panels.append(MyArticlesPanel(request.user))
