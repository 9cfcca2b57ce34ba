"""The search page, /tim-kiem/: a plain GET form whose every result list is a permalink."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models.functions import ExtractYear
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from indexes.models import AgencyKind, IndexEdition, IndexesPage
from news.models import ArticlePage, NewsCategory
from portal.caching.generation import list_generation, lists_generation_anywhere
from portal.http import error_response
from portal.questions.models import QuestionsPage
from portal.ratelimit import over_limit
from portal.search import query, service
from portal.search.availability import SearchUnavailable
from portal.search.best_bets import own_page
from portal.sites import hub_site, in_scope, request_site, scope_root

FACETS_KEPT_SECONDS = 60 * 60


@require_GET
def search_page(request):
    """Search news, agencies and published scores; filters and paging are query parameters."""
    if over_limit(request, "search-page", per_minute=settings.SEARCH_RATE_PER_MINUTE):
        response = error_response(
            request, _("Too many searches from your address; wait a minute and try again."), 429
        )
        response["Retry-After"] = "60"
        return response
    try:
        site = request_site(request)
        search_request = query.parse_request(request.GET, site=site)
        search_request.scope = scope_root(request)
        search_request.site = site
        results = service.search(search_request)
    except query.BadSearch as problem:
        return error_response(request, str(problem), 400)
    except SearchUnavailable as outage:
        response = error_response(
            request,
            _(
                "Search is temporarily unavailable. Please try again in a few minutes; every page of the portal can still be reached from its menus."
            ),
            503,
        )
        response["Retry-After"] = str(outage.retry_after)
        return response
    response = TemplateResponse(
        request,
        "portal/search.html",
        {
            "search": search_request,
            "results": results,
            "facets": facets(search_request.scope, search_request.site),
            "page_links": page_links(request, results),
            "group_links": group_links(request),
            "indexes_page": own_page(IndexesPage, search_request),
            "questions_page": own_page(QuestionsPage, search_request) if results.questions else None,
            "province_search_url": province_search_url(request, search_request),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def province_search_url(request, search_request) -> str | None:
    """The same words searched on the province's hub ("Tìm trong toàn tỉnh"), from a department's site."""
    if search_request.scope is None or not search_request.text:
        return None
    hub = hub_site()
    if hub is None:
        return None
    return f"{hub.root_url}/tim-kiem/?{urlencode({'q': search_request.text})}"


def facets(scope=None, site=None) -> dict:
    """The choices for the filters: years, agencies, kinds, and the categories `site` shows."""
    # order_by(): without it the pages' default ordering (path) joins the DISTINCT, one row per article.
    article_years = (
        in_scope(ArticlePage.objects.live(), scope)
        .public()
        .order_by()
        .annotate(year=ExtractYear("first_published_at"))
        .values_list("year", flat=True)
    )
    edition_years = IndexEdition.objects.published().order_by().values_list("year", flat=True)

    def read():
        return {
            # One statement for both (a UNION), and the agencies as the search narrows to them.
            "years": sorted(set(article_years.union(edition_years)), reverse=True),
            "agencies": service.public_agencies(),
            "categories": NewsCategory.shown_on(site),
        }

    # The years read every article's date (40 ms at 100,000 articles): kept until the next publish that
    # can change a list (`list_generation`; the hub's choices cover every site's).
    kept = cache.get_or_set(facets_key(scope), read, FACETS_KEPT_SECONDS)
    return {**kept, "kinds": AgencyKind.choices}


def facets_key(scope) -> str:
    """Where the filter choices of a scope (the request's site's root page, or None: every site's) are
    kept, per list generation."""
    if scope is None:
        return f"search:facets:all:{lists_generation_anywhere()}"
    return f"search:facets:{scope.pk}:{list_generation()}"


def page_links(request, results) -> dict:
    """Previous and next page of the news, keeping every other parameter."""
    links = {}
    current = results.request.page
    for name, number in (("previous", current - 1), ("next", current + 1)):
        if 1 <= number <= results.page_count:
            params = request.GET.copy()
            params["trang"] = number
            links[name] = "?" + params.urlencode()
    return links


def group_links(request) -> dict:
    """One group of results ("show all agencies"), keeping the words and filters."""
    links = {}
    for group in query.GROUPS:
        params = request.GET.copy()
        params["nhom"] = group
        params.pop("trang", None)
        links[group.replace("-", "_")] = "?" + params.urlencode()
    params = request.GET.copy()
    params.pop("nhom", None)
    params.pop("trang", None)
    links["all"] = "?" + params.urlencode()
    return links
