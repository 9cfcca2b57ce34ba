"""The agency's units and leaders in Wagtail's admin, under one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.about.models import Leader, Unit
from portal.site_scoping import SiteScopedPermissionPolicy, SiteScopedViewSetMixin

register_permission_policy(Leader, SiteScopedPermissionPolicy(Leader), exact_class=True)
register_permission_policy(Unit, SiteScopedPermissionPolicy(Unit), exact_class=True)


class LeaderViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = Leader
    icon = "user"
    list_display = ["name", "position", "is_current", "sort_order"]
    list_filter = ["is_current"]
    search_fields = ["name", "position"]
    search_backend_name = None  # the database's own LIKE: leaders are not in the search index
    ordering = ["sort_order", "name"]


class UnitViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = Unit
    icon = "group"
    list_display = ["name", "kind", "head_name", "phone", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["name", "head_name"]
    search_backend_name = None
    ordering = ["kind", "sort_order", "name"]


class AboutGroup(SnippetViewSetGroup):
    menu_label = _("About the agency")
    menu_icon = "home"
    menu_order = 220
    items = (LeaderViewSet, UnitViewSet)


register_snippet(AboutGroup)
