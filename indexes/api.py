"""The reform-index figures in the public JSON API: editions, ranked results, agencies, service counts.

    GET /api/v1/editions                 published editions, newest first
    GET /api/v1/editions/{slug}          one published edition with its ranked results
    GET /api/v1/results                  results of published editions, filtered and sorted
    GET /api/v1/agencies                 agencies with published figures
    GET /api/v1/agencies/{slug}          an agency's ranked history and its service counts
    GET /api/v1/service-counts           published online-service counts

Only published editions and service counts are ever read; a draft is as invisible here as on the
pages. Ranks, ties, bands and changes come from `indexes.rankings`, so the API and the pages always
agree. Lists are paginated (`page`, `page_size`) in an envelope `{count, page, page_size, results}`;
a page past the end is a 404, as in the HTML listings (page 1 of an empty list is an empty page).
Unknown parameters and malformed values are a 400 that names them. Figures are JSON numbers.
"""

import operator
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from functools import reduce
from typing import Literal

from django.db.models import Count, F, Prefetch, Q
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from indexes.models import (
    Agency,
    AgencyKind,
    ClassificationBand,
    ComponentScore,
    IndexEdition,
    IndexesPage,
    ProcedureList,
    Result,
    ServiceCount,
    percent,
)
from indexes.rankings import (
    RankedResult,
    Summary,
    agency_history,
    edition_ranking,
    edition_summaries,
    published_edition,
    rank_results,
    summarise,
)
from portal.api_conventions import (
    ERRORS,
    NoParameters,
    PageEnvelope,
    Pagination,
    paginate,
    reject_unknown_parameters,
)
from portal.caching.restrictions import public

router = Router(tags=["indexes"])

KindValue = Literal[tuple(AgencyKind.values)]  # "department", "district", "commune", "other"
ResultSort = Literal["rank", "-index", "index", "agency", "year"]


# Filters ----------------------------------------------------------------------------------------


class EditionFilters(Pagination):
    series: str | None = Field(
        None, max_length=200, description="A series' slug: one publisher's ranking of one group."
    )


class ResultFilters(Pagination):
    year: int | None = Field(None, ge=1990, le=2100, description="The year assessed.")
    edition: str | None = Field(None, max_length=100, description="An edition's slug.")
    series: str | None = Field(
        None,
        max_length=200,
        description="A series' slug: results of that publisher's ranking of that group only.",
    )
    agency: str | None = Field(None, max_length=200, description="An agency's slug.")
    kind: KindValue | None = Field(None, description="The agency's kind.")
    band: str | None = Field(
        None,
        max_length=60,
        description="A classification band's name, in any case; matched against the band each result's "
        "index earns in its own edition.",
    )
    min_index: Decimal | None = Field(None, ge=0, le=100, description="Index (%) at least this.")
    max_index: Decimal | None = Field(None, ge=0, le=100, description="Index (%) at most this.")
    sort: ResultSort = Field(
        "rank",
        description="`rank`: newest edition first, then by rank; `-index`/`index`: by index, highest/lowest "
        "first; `agency`: by agency name; `year`: oldest edition first, then by rank.",
    )


class AgencyFilters(Pagination):
    kind: KindValue | None = Field(None, description="The agency's kind.")


class ServiceCountFilters(Pagination):
    agency: str | None = Field(None, max_length=200, description="An agency's slug.")
    year: int | None = Field(None, ge=1990, le=2100, description="The year of the figures' date (as_of).")


# Responses --------------------------------------------------------------------------------------


class DecisionOut(Schema):
    number: str
    date: date | None
    issuer: str
    document_url: str | None


class ComponentOut(Schema):
    position: int
    name: str
    maximum: float


class BandOut(Schema):
    name: str
    min_index: float


class SeriesOut(Schema):
    slug: str
    publisher: str
    group: str


class EditionOut(Schema):
    slug: str
    title: str
    year: int
    group: str
    series: SeriesOut = Field(
        description="Who publishes the ranking, for which group: ranks and changes stay within a series."
    )
    decision: DecisionOut
    maximum: float | None = Field(
        description="The framework's full score: the sum of the components' maxima, or as given when the "
        "edition has no components; null when unknown."
    )
    mean_index: float | None = Field(
        description="The mean index of the edition's ranked results (two decimals)."
    )
    median_index: float | None = Field(description="The median index of the edition's ranked results.")
    components: list[ComponentOut]
    bands: list[BandOut] = Field(description="Highest first: an index at or above `min_index` earns `name`.")
    result_count: int
    page_url: str | None = Field(description="The edition's public page, when the portal has one.")


class EditionRef(Schema):
    slug: str
    title: str
    year: int
    series: str = Field(description="The series' slug.")


class AgencyRef(Schema):
    slug: str
    name: str
    short_name: str
    kind: str


class ComponentScoreOut(Schema):
    name: str
    maximum: float
    points: float | None
    share: float | None = Field(description="The score as a percentage of the component's maximum.")


class CorrectionOut(Schema):
    corrected_at: datetime
    changes: dict[str, dict[str, str | None]] = Field(
        description='Each changed figure: {"from": …, "to": …}.'
    )


class ResultOut(Schema):
    edition: EditionRef
    agency: AgencyRef
    points: float | None
    applicable_maximum: float | None = Field(description="The maximum this agency was scored against.")
    index: float | None = Field(description="Index (%), as published or computed from the points.")
    rank: int | None = Field(description="Derived from the indexes: ties share a rank, the next skips.")
    ranked_count: int | None = Field(description="Agencies ranked in the edition.")
    published_rank: int | None = Field(description="The rank the decision stated, if it did.")
    rank_disagrees: bool
    total_disagrees: bool = Field(description="The total differs from the sum of the component scores.")
    band: str | None
    index_change: float | None = Field(description="Index points since the agency's previous result.")
    rank_change: int | None = Field(description="Places moved up (positive) or down since then.")
    previous_edition: str | None = Field(
        description="The slug of the edition compared with: the agency's previous result in the same series."
    )
    components: list[ComponentScoreOut]
    corrections: list[CorrectionOut]


class EditionDetailOut(EditionOut):
    results: list[ResultOut] = Field(description="In rank order; results without an index come last.")


class AgencyOut(Schema):
    slug: str
    name: str
    short_name: str
    kind: str
    province: str
    website: str
    page_url: str | None


class ServiceCountOut(Schema):
    agency: str = Field(description="The agency's slug.")
    as_of: date
    period: str
    total_procedures: int
    online: int | None = Field(description="Offered online at all: as published, else fully plus partly.")
    online_share: float | None = Field(description="`online` as a percentage of all procedures.")
    fully_online: int | None
    partly_online: int | None
    level_3: int | None
    level_4: int | None
    files_received: int | None
    files_early: int | None
    files_on_time: int | None
    files_late: int | None
    source: str


class ProcedureOut(Schema):
    code: str
    name: str
    field: str
    level: Literal["toan-trinh", "mot-phan", "truc-tiep"] = Field(
        description="`toan-trinh`: fully online; `mot-phan`: partly online; `truc-tiep`: not online."
    )
    portal_url: str


class ProcedureListOut(Schema):
    as_of: date
    source: str
    total_procedures: int
    fully_online: int
    partly_online: int
    online: int
    online_share: float | None
    procedures: list[ProcedureOut]


class AgencyDetailOut(AgencyOut):
    description: str
    procedure_list: ProcedureListOut | None = Field(
        description="The published list of the agency's procedures, and the online counts derived from it; "
        "null when the agency publishes none (its service counts are then as typed)."
    )
    history: list[ResultOut] = Field(description="Ranked results in published editions, newest first.")
    service_counts: list[ServiceCountOut] = Field(description="Published counts, newest first.")


class EditionPage(PageEnvelope):
    results: list[EditionOut]


class ResultPage(PageEnvelope):
    results: list[ResultOut]


class AgencyPage(PageEnvelope):
    results: list[AgencyOut]


class ServiceCountPage(PageEnvelope):
    results: list[ServiceCountOut]


# Endpoints --------------------------------------------------------------------------------------


@router.get(
    "/editions", response={200: EditionPage, **ERRORS}, summary="Published editions of the reform index"
)
def list_editions(request, filters: Query[EditionFilters]):
    """Every published edition, newest first: its decision, framework (components and maxima),
    classification bands, how many results it holds and its public page."""
    reject_unknown_parameters(request, EditionFilters)
    editions = (
        IndexEdition.objects.published()
        .annotate(result_count=Count("results"))
        .select_related("decision_document", "series")
        .prefetch_related("components", "bands")
        .order_by("-year", "title", "pk")
    )
    if filters.series:
        editions = editions.filter(series__slug=filters.series)
    envelope = paginate(editions, filters)
    pages = PublicPages(request)
    summaries = edition_summaries(edition.pk for edition in envelope["results"])
    envelope["results"] = [
        edition_out(request, edition, pages, summaries[edition.pk]) for edition in envelope["results"]
    ]
    return envelope


@router.get(
    "/editions/{slug}",
    response={200: EditionDetailOut, **ERRORS},
    summary="One published edition with its ranking",
)
def edition_detail(request, slug: str):
    """The edition as in the list, with all its results in rank order (ties share a rank), each with
    its band, component scores, corrections and change on the agency's previous result."""
    reject_unknown_parameters(request, NoParameters)
    edition = published_edition(slug)
    if edition is None:
        raise HttpError(404, f"No published edition has the slug “{slug[:100]}”.")
    rows = edition_ranking(edition)
    edition.result_count = len(rows)
    summary = summarise([row.result.index_value for row in rows])
    return {
        **edition_out(request, edition, PublicPages(request), summary),
        "results": [result_out(row) for row in rows],
    }


@router.get("/results", response={200: ResultPage, **ERRORS}, summary="Results of published editions")
def list_results(request, filters: Query[ResultFilters]):
    """Each agency's result in each published edition, with its derived rank (ties share a rank, the
    next skips), band, component scores, corrections and the change on the agency's previous result
    in the same group of agencies.

    Filter by `year`, `edition`, `agency`, `kind`, `band` and an index range; `min_index` may not be
    above `max_index`. The band filter matches the band each index earns in its own edition's table.
    """
    reject_unknown_parameters(request, ResultFilters)
    if (
        filters.min_index is not None
        and filters.max_index is not None
        and filters.min_index > filters.max_index
    ):
        raise HttpError(400, f"min_index ({filters.min_index}) is above max_index ({filters.max_index}).")
    results = Result.objects.published()
    if filters.year is not None:
        results = results.filter(edition__year=filters.year)
    if filters.edition:
        results = results.filter(edition__slug=filters.edition)
    if filters.series:
        results = results.filter(edition__series__slug=filters.series)
    if filters.agency:
        results = results.filter(agency__slug=filters.agency)
    if filters.kind:
        results = results.filter(agency__kind=filters.kind)
    if filters.min_index is not None:
        results = results.filter(index_value__gte=filters.min_index)
    if filters.max_index is not None:
        results = results.filter(index_value__lte=filters.max_index)
    if filters.band:
        results = results.filter(band_condition(filters.band))
    results = (
        results.select_related("agency", "edition", "edition__series")
        .prefetch_related(
            "edition__components",
            "edition__bands",
            Prefetch("component_scores", queryset=ComponentScore.objects.order_by()),
            "corrections",
        )
        .order_by(*RESULT_ORDER[filters.sort])
    )
    envelope = paginate(results, filters)
    envelope["results"] = [result_out(row) for row in rank_results(list(envelope["results"]))]
    return envelope


@router.get("/agencies", response={200: AgencyPage, **ERRORS}, summary="Agencies with published figures")
def list_agencies(request, filters: Query[AgencyFilters]):
    """Agencies with at least one result in a published edition or a published service count, by
    name; filter by `kind`."""
    reject_unknown_parameters(request, AgencyFilters)
    agencies = Agency.objects.with_published_figures().order_by("name", "pk")
    if filters.kind:
        agencies = agencies.filter(kind=filters.kind)
    envelope = paginate(agencies, filters)
    pages = PublicPages(request)
    envelope["results"] = [agency_out(agency, pages) for agency in envelope["results"]]
    return envelope


@router.get(
    "/agencies/{slug}",
    response={200: AgencyDetailOut, **ERRORS},
    summary="One agency: its ranked history and service counts",
)
def agency_detail(request, slug: str):
    """The agency, its results in published editions (newest first, each ranked in its edition and
    compared with the agency's previous result in the same group) and its published service counts."""
    reject_unknown_parameters(request, NoParameters)
    agency = Agency.objects.filter(slug=slug).first()
    history = agency_history(agency) if agency else []
    counts = (
        list(
            ServiceCount.objects.published().filter(agency=agency).select_related("agency").order_by("-as_of")
        )
        if agency
        else []
    )
    procedure_list = (
        ProcedureList.objects.published().filter(agency=agency).prefetch_related("procedures").first()
        if agency
        else None
    )
    if not history and not counts and procedure_list is None:
        raise HttpError(404, f"No agency with published figures has the slug “{slug[:100]}”.")
    return {
        **agency_out(agency, PublicPages(request)),
        "description": agency.description,
        "procedure_list": procedure_list_out(procedure_list) if procedure_list else None,
        "history": [result_out(row) for row in history],
        "service_counts": [service_count_out(count) for count in counts],
    }


@router.get(
    "/service-counts",
    response={200: ServiceCountPage, **ERRORS},
    summary="Published online-service counts",
)
def list_service_counts(request, filters: Query[ServiceCountFilters]):
    """How many of each agency's procedures are offered online and how its files were settled, as of
    a date; newest first. Filter by `agency` (slug) and `year` (of the date)."""
    reject_unknown_parameters(request, ServiceCountFilters)
    counts = (
        ServiceCount.objects.published().select_related("agency").order_by("-as_of", "agency__name", "pk")
    )
    if filters.agency:
        counts = counts.filter(agency__slug=filters.agency)
    if filters.year is not None:
        counts = counts.filter(as_of__year=filters.year)
    envelope = paginate(counts, filters)
    envelope["results"] = [service_count_out(count) for count in envelope["results"]]
    return envelope


# Helpers ----------------------------------------------------------------------------------------

EDITION_ORDER = ("-edition__year", "edition__title", "edition_id")
INDEX_DESC = F("index_value").desc(nulls_last=True)
RESULT_ORDER = {
    "rank": (*EDITION_ORDER, INDEX_DESC, "agency__name", "pk"),
    "-index": (INDEX_DESC, *EDITION_ORDER, "agency__name", "pk"),
    "index": (F("index_value").asc(nulls_last=True), *EDITION_ORDER, "agency__name", "pk"),
    "agency": ("agency__name", "agency_id", *EDITION_ORDER, "pk"),
    "year": ("edition__year", "edition__title", "edition_id", INDEX_DESC, "agency__name", "pk"),
}


def normalized(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip().casefold()


def band_condition(name: str) -> Q:
    """Results whose index earns the band `name` in their own edition, as index ranges per edition.

    A band covers its `min_index` up to the next higher band's, as `IndexEdition.band_for` reads the
    table; the names are compared in Python so that case folds for Vietnamese letters too.
    """
    wanted = normalized(name)
    by_edition: dict[int, list[ClassificationBand]] = {}
    for band in ClassificationBand.objects.filter(edition__live=True).order_by(
        "edition_id", "sort_order", "pk"
    ):
        by_edition.setdefault(band.edition_id, []).append(band)
    conditions = []
    for edition_id, bands in by_edition.items():
        ordered = sorted(bands, key=lambda band: band.min_index, reverse=True)  # stable, as band_for
        for position, band in enumerate(ordered):
            upper = ordered[position - 1].min_index if position else None
            if normalized(band.name) != wanted or (upper is not None and upper <= band.min_index):
                continue
            condition = Q(edition_id=edition_id, index_value__gte=band.min_index)
            if upper is not None:
                condition &= Q(index_value__lt=upper)
            conditions.append(condition)
    if not conditions:
        known = sorted({band.name for bands in by_edition.values() for band in bands}, key=normalized)
        raise HttpError(
            400, f"No published edition has a band called “{name[:60]}”. Bands: {', '.join(known) or 'none'}."
        )
    return reduce(operator.or_, conditions)


class PublicPages:
    """Addresses on the live reform-index section, looked up once a request (None without one)."""

    def __init__(self, request):
        self.section = public(IndexesPage.objects.live()).first()
        url = self.section.get_url(request) if self.section else None
        self.base = request.build_absolute_uri(url) if url else None

    def url(self, name: str, slug: str) -> str | None:
        if self.base is None:
            return None
        return self.base + self.section.reverse_subpage(name, args=[slug])

    def edition(self, edition: IndexEdition) -> str | None:
        return self.url("edition", edition.slug)

    def agency(self, agency: Agency) -> str | None:
        return self.url("agency", agency.slug)


def edition_out(request, edition: IndexEdition, pages: PublicPages, summary: Summary) -> dict:
    document = edition.decision_document
    series = edition.series
    return {
        "slug": edition.slug,
        "title": edition.title,
        "year": edition.year,
        "group": series.group,
        "series": {"slug": series.slug, "publisher": series.publisher, "group": series.group},
        "decision": {
            "number": edition.decision_number,
            "date": edition.decision_date,
            "issuer": edition.decision_issuer,
            "document_url": request.build_absolute_uri(document.url) if document else None,
        },
        "maximum": edition.maximum,
        "mean_index": summary.mean,
        "median_index": summary.median,
        "components": [
            {"position": position, "name": component.name, "maximum": component.maximum}
            for position, component in enumerate(edition.components.all(), start=1)
        ],
        "bands": [
            {"name": band.name, "min_index": band.min_index}
            for band in sorted(edition.bands.all(), key=lambda band: band.min_index, reverse=True)
        ],
        "result_count": edition.result_count,
        "page_url": pages.edition(edition),
    }


def result_out(row: RankedResult) -> dict:
    result, edition, agency = row.result, row.edition, row.agency
    ranked = row.rank > 0  # a result without an index is listed, unranked
    band = row.band
    scores = result.scores_by_component()
    return {
        "edition": {
            "slug": edition.slug,
            "title": edition.title,
            "year": edition.year,
            "series": edition.series.slug,
        },
        "agency": {
            "slug": agency.slug,
            "name": agency.name,
            "short_name": agency.short_name,
            "kind": agency.kind,
        },
        "points": result.points,
        "applicable_maximum": result.maximum,
        "index": result.index_value,
        "rank": row.rank if ranked else None,
        "ranked_count": row.ranked_count if ranked else None,
        "published_rank": result.published_rank,
        "rank_disagrees": ranked and row.rank_disagrees,
        "total_disagrees": row.total_disagrees,
        "band": band.name if band else None,
        "index_change": row.index_change,
        "rank_change": row.rank_change if ranked else None,
        "previous_edition": row.previous_edition.slug if row.previous_edition else None,
        "components": [
            {
                "name": component.name,
                "maximum": component.maximum,
                "points": scores[component.pk].points if component.pk in scores else None,
                "share": percent(scores[component.pk].points, component.maximum)
                if component.pk in scores
                else None,
            }
            for component in edition.components.all()
        ],
        "corrections": [
            {"corrected_at": correction.corrected_at, "changes": correction.changes}
            for correction in result.corrections.all()
        ],
    }


def agency_out(agency: Agency, pages: PublicPages) -> dict:
    return {
        "slug": agency.slug,
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "province": agency.province,
        "website": agency.website,
        "page_url": pages.agency(agency),
    }


def procedure_list_out(procedure_list: ProcedureList) -> dict:
    counts = procedure_list.counts()
    return {
        "as_of": procedure_list.as_of,
        "source": procedure_list.source,
        "total_procedures": counts.total,
        "fully_online": counts.fully_online,
        "partly_online": counts.partly_online,
        "online": counts.online,
        "online_share": counts.online_share,
        "procedures": [
            {
                "code": procedure.code,
                "name": procedure.name,
                "field": procedure.field,
                "level": procedure.level,
                "portal_url": procedure.portal_url,
            }
            for procedure in procedure_list.procedures.all()
        ],
    }


def service_count_out(count: ServiceCount) -> dict:
    return {
        "agency": count.agency.slug,
        "as_of": count.as_of,
        "period": count.period_label,
        "total_procedures": count.total_procedures,
        "online": count.online,
        "online_share": count.online_share,
        "fully_online": count.fully_online,
        "partly_online": count.partly_online,
        "level_3": count.level_3,
        "level_4": count.level_4,
        "files_received": count.files_received,
        "files_early": count.files_early,
        "files_on_time": count.files_on_time,
        "files_late": count.files_late,
        "source": count.source,
    }
