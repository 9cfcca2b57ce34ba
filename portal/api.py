"""The public, read-only JSON API under /api/v1/, with its OpenAPI schema at /api/v1/openapi.json."""

from django.conf import settings
from django.core.cache import cache
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from portal import visits

api = NinjaAPI(
    title="Cổng thông tin CCHC – API công khai",
    version="1",
    description=(
        "Read-only public data: visitor statistics and the reform-index figures "
        "(published editions, ranked results, agencies and online-service counts)."
    ),
    urls_namespace="public_api",
    docs_url=None,  # the interactive docs load scripts from a CDN, which the CSP forbids
)


@api.exception_handler(NinjaValidationError)
def bad_parameters(request, error):
    """Unknown or malformed parameters: a 400 that says which and why."""
    problems = [
        {"parameter": ".".join(str(part) for part in item.get("loc", [])[1:]), "problem": item.get("msg")}
        for item in error.errors
    ]
    return api.create_response(request, {"detail": "Invalid parameters", "errors": problems}, status=400)


def reject_unknown_parameters(request, schema: type[Schema]) -> None:
    """A misspelt filter should not silently return everything: answer 400 and name it."""
    unknown = sorted(set(request.GET) - set(schema.model_fields))
    if unknown:
        raise HttpError(
            400, f"Unknown parameters: {', '.join(unknown)}. Allowed: {', '.join(schema.model_fields)}."
        )


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


@api.get("/visits/summary", response=VisitSummary, tags=["visits"], summary="The visitor box's figures")
def visit_summary(request, filters: Query[SummaryFilters]):
    """Online now (within the window), today's visits and page views, and the totals.

    With `page`, also that page's view count. Figures are at most a couple of seconds old.
    """
    reject_unknown_parameters(request, SummaryFilters)
    data = cache.get_or_set(
        "visits:summary:api", lambda: visits.summary().as_dict(), settings.VISITS_API_CACHE_SECONDS
    )
    if filters.page is not None:
        data = {**data, "page_views": visits.page_views(filters.page)}
    return data


# The reform-index endpoints; registered last, as they use this module's helpers.
from indexes.api import router as indexes_router  # noqa: E402

api.add_router("/", indexes_router)

from portal.search_api import router as search_router  # noqa: E402

api.add_router("/", search_router)
