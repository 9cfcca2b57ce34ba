"""The public, read-only JSON API under /api/v1/, with its OpenAPI schema at /api/v1/openapi.json.

This module only assembles it: each feature brings its own router (the figures from `indexes.api`,
the legal documents from `portal.legal.api`, search from `portal.search.api`, the visitor figures from
`portal.visits.api`), and they all follow `portal.api_conventions`.
"""

from django.conf import settings
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from indexes.api import router as indexes_router
from portal.api_conventions import parameter_problems
from portal.legal.api import make_router as legal_router
from portal.ratelimit import over_limit
from portal.search.api import router as search_router
from portal.search.availability import SearchUnavailable, engine_guard
from portal.visits.api import router as visits_router

api = NinjaAPI(
    title="Cổng thông tin CCHC – API công khai",
    version="1",
    description=(
        "Read-only public data: visitor statistics and the reform-index figures "
        "(published editions, ranked results, agencies and online-service counts), the legal documents "
        "library and site search."
    ),
    urls_namespace="public_api",
    docs_url=None,  # the interactive docs load scripts from a CDN, which the CSP forbids
)


@api.exception_handler(NinjaValidationError)
def bad_parameters(request, error):
    """Unknown or malformed parameters: a 400 that says which and why."""
    return api.create_response(request, parameter_problems(error), status=400)


@api.exception_handler(SearchUnavailable)
def search_unavailable(request, outage):
    """The search server is failing: a 503 the client can retry, not a 500."""
    response = api.create_response(
        request, {"detail": "Search is temporarily unavailable; try again later."}, status=503
    )
    response["Retry-After"] = str(outage.retry_after)
    return response


api.add_router("/", visits_router)
api.add_router("/", indexes_router)
api.add_router("/", search_router)
# The library searches `q` on the engine: the site search's guard makes a failing engine a 503, and its
# limit answers a client that searches too often with a 429, as /api/v1/search does.
api.add_router(
    "/",
    legal_router(
        engine_guard=engine_guard,
        over_search_limit=lambda request: over_limit(
            request, "documents-api", per_minute=settings.SEARCH_API_RATE_PER_MINUTE
        ),
    ),
)
