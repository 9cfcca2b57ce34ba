"""The portal app's models: the site shell (pages and site settings) and the visitor statistics."""

from portal.models.site import AgencySettings, HomePage, NavigationSettings, PortalPage
from portal.models.visits import (
    DailyVisitor,
    PageViewDay,
    PendingHit,
    SiteVisitDay,
    VisitDay,
    VisitorSettings,
    VisitSecret,
)

__all__ = [
    "AgencySettings",
    "DailyVisitor",
    "HomePage",
    "NavigationSettings",
    "PageViewDay",
    "PendingHit",
    "PortalPage",
    "SiteVisitDay",
    "VisitDay",
    "VisitSecret",
    "VisitorSettings",
]
