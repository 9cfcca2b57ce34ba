"""The visitor figures in the public API: /api/v1/visits/summary."""

from django.conf import settings
from django.core.cache import cache
from ninja import Query, Router, Schema

from portal.api_conventions import reject_unknown_parameters
from portal.visits import figures

router = Router(tags=["visits"])


class VisitSummary(Schema):
    online: int
    online_window_minutes: int
    today_visits: int
    today_page_views: int
    total_visits: int
    total_page_views: int
    page_views: int | None = None


class SummaryFilters(Schema):
    page: int | None = None


@router.get("/visits/summary", response=VisitSummary, summary="The visitor box's figures")
def visit_summary(request, filters: Query[SummaryFilters]):
    """Online now (within the window), today's visits and page views, and the totals.

    They are the site's own on a department's address, the province's on the hub's. With `page`,
    also that page's view count. Figures are at most a couple of seconds old.
    """
    reject_unknown_parameters(request, SummaryFilters)
    site_id = figures.scope_of(request)
    data = cache.get_or_set(
        f"visits:summary:api:{site_id or 'province'}",
        lambda: figures.summary(site_id=site_id).as_dict(),
        settings.VISITS_API_CACHE_SECONDS,
    )
    if filters.page is not None:
        data = {**data, "page_views": figures.page_views(filters.page)}
    return data
