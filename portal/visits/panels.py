"""The visitor figures on the admin dashboard."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from portal.visits import figures


class VisitorStatisticsPanel(Component):
    name = "visitor_statistics"
    order = 50
    template_name = "portal/admin/visitor_statistics_panel.html"

    def get_context_data(self, parent_context):
        # The admin's address names the site, as the public pages' do: a department's own figures.
        request = parent_context.get("request")
        site_id = figures.scope_of(request) if request is not None else None
        return {
            "summary": figures.summary(site_id=site_id),
            "most_read": figures.most_read(days=7, site_id=site_id),
            "title": _("Visitor statistics"),
        }
