"""The visitor figures on the admin dashboard."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from portal.visits import figures


class VisitorStatisticsPanel(Component):
    name = "visitor_statistics"
    order = 50
    template_name = "portal/admin/visitor_statistics_panel.html"

    def get_context_data(self, parent_context):
        return {
            "summary": figures.summary(),
            "most_read": figures.most_read(days=7),
            "title": _("Visitor statistics"),
        }
