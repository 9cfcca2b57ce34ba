"""The portal in Wagtail's admin: the visitor figures on the dashboard."""

from wagtail import hooks

from portal.visits.panels import VisitorStatisticsPanel


@hooks.register("construct_homepage_panels")
def add_visitor_statistics_panel(request, panels):
    panels.append(VisitorStatisticsPanel())
