"""The portal in Wagtail's admin: the visitor figures on the dashboard."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from portal import visits


class VisitorStatisticsPanel(Component):
    name = "visitor_statistics"
    order = 50
    template_name = "portal/admin/visitor_statistics_panel.html"

    def get_context_data(self, parent_context):
        return {
            "summary": visits.summary(),
            "most_read": visits.most_read(days=7),
            "title": _("Visitor statistics"),
        }


@hooks.register("construct_homepage_panels")
def add_visitor_statistics_panel(request, panels):
    panels.append(VisitorStatisticsPanel())
