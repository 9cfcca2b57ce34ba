"""The work schedule in Wagtail's admin: weeks as snippets with drafts, revisions and publishing."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.schedule.forms import WorkWeekForm
from portal.schedule.models import WorkWeek
from portal.site_scoping import SiteScopedPermissionPolicy, SiteScopedViewSetMixin

register_permission_policy(WorkWeek, SiteScopedPermissionPolicy(WorkWeek), exact_class=True)


class WorkWeekViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = WorkWeek
    icon = "date"
    menu_label = _("Work schedule")
    menu_order = 225
    add_to_admin_menu = True
    list_display = ["__str__", "live", "week_start"]
    list_filter = ["live"]
    ordering = ["-week_start"]
    copy_view_enabled = True
    edit_handler = ObjectList(WorkWeek.panels, base_form_class=WorkWeekForm)


register_snippet(WorkWeekViewSet)
