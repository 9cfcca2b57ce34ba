"""Search in the public API: /api/v1/search (the search page's results as JSON) and its suggestions."""

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from portal.api_conventions import reject_unknown_parameters
from portal.caching.generation import lists_generation_anywhere
from portal.questions.models import QuestionsPage
from portal.ratelimit import over_limit
from portal.search import query, service
from portal.sites import first_by_site, request_site, scope_root

QUESTIONS_PAGES_KEPT_SECONDS = 60 * 60

router = Router(tags=["search"])


class SearchParameters(Schema):
    """The same parameters as /tim-kiem/, so a page's address and its JSON share their query string."""

    q: str = Field("", description="The words; diacritics optional. At most 200 characters are read.")
    nam: int | None = Field(None, description="Year: of the article, or of the edition assessed.")
    co_quan: str | None = Field(None, alias="co-quan", description="Agency code (slug).")
    loai_co_quan: str | None = Field(
        None, alias="loai-co-quan", description="department, district, commune, other"
    )
    chuyen_muc: str | None = Field(None, alias="chuyen-muc", description="News category (slug).")
    the: str | None = Field(None, description="News tag (slug).")
    nhom: str | None = Field(
        None, description="Only one group: tin-tuc, co-quan, ket-qua, van-ban or hoi-dap."
    )
    sap_xep: str | None = Field(
        None, alias="sap-xep", description="lien-quan (relevance) or moi-nhat (newest)."
    )
    trang: int | None = Field(None, description="Page of the news results.")


class SuggestParameters(Schema):
    q: str = Field("", description="What the reader has typed so far.")


def too_many_searches(request, parameters: type[Schema], scope: str, per_minute: int) -> JsonResponse | None:
    """Check the parameters (400 on an unknown one), then the client's limit for this endpoint
    (its own bucket: typing in the box must not spend the search page's allowance): a 429 with
    Retry-After."""
    reject_unknown_parameters(request, parameters)
    if over_limit(request, scope, per_minute=per_minute):
        return JsonResponse(
            {"detail": "Too many searches from this address; wait a minute."},
            status=429,
            headers={"Retry-After": "60"},
        )
    return None


def questions_pages_by_site(request) -> dict:
    """Each site's questions page: an answer links to the site it was asked on. Kept until the next
    change anywhere but an article's text (it spans every site: `lists_generation_anywhere`)."""
    return cache.get_or_set(
        f"search:questions-pages:{lists_generation_anywhere()}",
        lambda: first_by_site(QuestionsPage.objects.live().public()),
        QUESTIONS_PAGES_KEPT_SECONDS,
    )


def answer_url(question, questions_pages: dict, request) -> str | None:
    """The answer's full address on the questions page of the site it was asked on (a question shared
    by every site: on this site's)."""
    site = request_site(request)
    page = questions_pages.get(question.site_id) or (questions_pages.get(site.pk) if site else None)
    return question.full_url(page, request) if page else None


@router.get("/search", summary="Search news, agencies, published scores and legal documents")
def search(request, parameters: Query[SearchParameters]):
    """The results of /tim-kiem/ as JSON, grouped by kind; `*_html` fields mark the matching words."""
    if refused := too_many_searches(
        request, SearchParameters, "search-api", settings.SEARCH_API_RATE_PER_MINUTE
    ):
        return refused
    try:
        site = request_site(request)
        search_request = query.parse_request(request.GET, site=site)
        search_request.scope = scope_root(request)
        search_request.site = site
        results = service.search(search_request)
    except query.BadSearch as problem:
        raise HttpError(400, str(problem)) from None
    questions_pages = questions_pages_by_site(request) if results.questions else {}
    return {
        "query": results.request.text,
        "total": results.total,
        "best_bets": [
            {
                "kind": bet.kind,
                "title": bet.title,
                "url": request.build_absolute_uri(bet.url),
                "description": bet.description,
            }
            for bet in results.best_bets
        ],
        "news": {
            "count": results.article_count,
            # True when there are more than `count` (counting stops there; see SEARCH_RANK_LIMIT).
            "more": results.articles_more,
            "page": results.request.page,
            "pages": results.page_count,
            "results": [
                {
                    "title": hit.article.title,
                    "title_html": str(hit.title),
                    "url": request.build_absolute_uri(hit.article.get_url(request)),
                    "published": hit.article.first_published_at,
                    "snippet_html": str(hit.snippet),
                }
                for hit in results.articles
            ],
        },
        "agencies": {
            "count": results.agency_count,
            "results": [
                {
                    "name": hit.agency.name,
                    "name_html": str(hit.name),
                    "slug": hit.agency.slug,
                    "kind": hit.agency.kind,
                }
                for hit in results.agencies
            ],
        },
        "questions": {
            "count": results.question_count,
            "results": [
                {
                    "title": hit.question.title,
                    "title_html": str(hit.title),
                    "url": answer_url(hit.question, questions_pages, request),
                    "published": hit.question.published_at,
                    "snippet_html": str(hit.snippet),
                }
                for hit in results.questions
            ],
        },
        "scores": {
            "count": results.score_count,
            "results": [
                {
                    "agency": hit.row.agency.name,
                    "agency_slug": hit.row.agency.slug,
                    "edition": hit.row.edition.slug,
                    "edition_title": hit.row.edition.title,
                    "year": hit.row.edition.year,
                    "series": str(hit.row.edition.series),
                    "points": float(hit.row.result.points) if hit.row.result.points is not None else None,
                    "index": float(hit.row.result.index_value)
                    if hit.row.result.index_value is not None
                    else None,
                    "rank": hit.row.rank or None,
                    "ranked_count": hit.row.ranked_count or None,
                    "band": hit.row.band.name if hit.row.band else None,
                }
                for hit in results.scores
            ],
        },
        "documents": {
            "count": results.document_count,
            "results": [
                {
                    "id": hit.document.pk,
                    "number": hit.document.number,
                    "title": hit.document.title,
                    "title_html": str(hit.number),
                    "abstract_html": str(hit.abstract),
                    "issuer": hit.document.issuer.name,
                    "issued_on": hit.document.issued_on,
                    "status": hit.document.status.value,
                    "url": request.build_absolute_uri(hit.document.get_url(request)),
                }
                for hit in results.documents
            ],
        },
    }


@router.get("/search/suggest", summary="Suggestions while typing")
def suggest(request, parameters: Query[SuggestParameters]):
    """Up to six agencies, rankings and article titles that start like `q` (diacritics optional), each
    with `kind`, `kind_label` (what it is, in the site's language) and the full `url` it opens."""
    if refused := too_many_searches(
        request, SuggestParameters, "search-suggest", settings.SEARCH_SUGGEST_RATE_PER_MINUTE
    ):
        return refused
    text = parameters.q[: query.MAX_QUERY_LENGTH]
    found = service.suggestions(text, scope_root(request), request)
    for suggestion in found:
        if suggestion.get("url"):
            suggestion["url"] = request.build_absolute_uri(suggestion["url"])
    return {"suggestions": found}
