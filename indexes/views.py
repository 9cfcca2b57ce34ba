"""What each route of the reform-index page presents, built from published figures only.

A builder takes the page and the request (and the route's slug) and returns a `Presentation`: the
template and its context, the tables a reader can download and the charts drawn on the server. It
returns None when there is nothing published at the address, and raises `BadParameter` for a query
parameter the reader (or a link) got wrong. `IndexesPage.respond` renders the presentation or hands
out one of its tables or charts.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from wagtail.rich_text import expand_db_html

from indexes import as_of, downloads, embeds, formatting
from indexes.citing import Citation, cite
from indexes.feeds import FigureEventsFeed
from indexes.models.figures import (
    Agency,
    AgencyKind,
    IndexEdition,
    IndexSeries,
    ProcedureLevel,
    ProcedureList,
    ServiceCount,
)
from indexes.rankings import (
    RankedResult,
    agency_histories,
    agency_history,
    edition_ranking,
    published_edition,
    summarise,
)
from indexes.tables import (
    DataTable,
    comparison_table,
    components_table,
    history_table,
    procedures_table,
    ranking_table,
    services_table,
    summary_table,
)
from portal.caching.generation import request_site_id, revision_kept_generation
from portal.caching.local import kept_cache
from portal.charts import bar_chart, horizontal_bar_chart
from portal.http import error_response
from portal.legal.citations import DocumentRef, Resolution
from portal.site_chrome import site_chrome
from portal.transliteration import ascii_slug, vietnamese_order

if TYPE_CHECKING:
    from indexes.models.pages import IndexesPage

COMPARE_MIN, COMPARE_MAX = 2, 4
SORT_KEYS = ("hang", "ten", "thay-doi")


class BadParameter(Exception):
    """A query parameter the reader (or a link) got wrong: answered with a 400 that says why."""


@dataclass
class Chart:
    """A chart drawn on the server: `slug` names it in its download address (…/bieu-do/<slug>/svg/)."""

    slug: str
    title: str
    svg: str


FORMAT_LABELS = {
    "xlsx": lambda: gettext("Download Excel"),
    "csv": lambda: "CSV",
    "json": lambda: "JSON",
}


@dataclass
class Presentation:
    """What one route presents: its template and context, its downloadable tables and its charts."""

    template: str
    context: dict
    tables: dict[str, DataTable] = field(default_factory=dict)
    charts: dict[str, Chart] = field(default_factory=dict)
    filename: str = "du-lieu"  # the start of every downloaded file's name
    # The query parameters that choose what is shown, as (name, value) pairs: the canonical address keeps
    # these and drops any other (tracking, unknown).
    canonical_query: list[tuple[str, str]] = field(default_factory=list)
    # The little its template shows outside the kept content (a title, a feed's address), kept apart: a
    # view whose content is kept reads only this, not the rows, tables and charts (3 ms to unpickle).
    head: dict = field(default_factory=dict)

    def page_context(self, request) -> dict:
        """The template context, with the links to download each table and each chart."""
        query = request.GET.urlencode()
        suffix = f"?{query}" if query else ""
        base = request.path
        chartless = embeds.chartless_tables(self.charts, self.tables)
        download_links = [
            {
                "table": table,
                "slug": slug,
                "links": [
                    (fmt, FORMAT_LABELS[fmt](), f"{base}tai-ve/{slug}/{fmt}/{suffix}")
                    for fmt in downloads.OFFERED
                ],
                "embed_url": embeds.embed_url(request, slug) if slug in chartless else None,
            }
            for slug, table in self.tables.items()
        ]
        chart_links = {
            slug: {
                "chart": chart,
                "svg_url": f"{base}bieu-do/{slug}/svg/{suffix}",
                "png_name": f"{self.filename}-{slug}.png",
                "embed_url": embeds.embed_url(request, slug),
            }
            for slug, chart in self.charts.items()
        }
        return {**self.context, **self.head, "downloads": download_links, "charts": chart_links}

    def context_names(self) -> tuple[str, ...]:
        """The names `page_context` gives the template."""
        return (*self.context, *self.head, "downloads", "charts")

    def table_response(self, request, slug: str, fmt: str) -> HttpResponse:
        """One of the tables as a CSV, XLSX or JSON attachment; 404 for a table or format it lacks."""
        if slug not in self.tables or fmt not in downloads.FORMATS:
            return error_response(request, gettext("There is no such download here."), 404)
        return downloads.download_response(
            self.tables[slug],
            fmt,
            filename=self.file_name(slug),
            source_url=request.build_absolute_uri(request.path.split("tai-ve/")[0]),
        )

    def file_name(self, slug: str) -> str:
        """A downloaded table's name: what the page holds, then the table unless the name says it already."""
        return self.filename if self.filename.startswith(slug) else f"{self.filename}-{slug}"

    def embed_response(self, request, slug: str) -> HttpResponse:
        """The embed page of one of the charts (`indexes.embeds`); 404 for a chart it lacks."""
        return embeds.embed_response(request, self, slug, context=self.context)

    def chart_response(self, request, slug: str) -> HttpResponse:
        """One of the charts as an SVG attachment; 404 for a chart it lacks."""
        if slug not in self.charts:
            return error_response(request, gettext("There is no such chart here."), 404)
        response = HttpResponse(self.charts[slug].svg, content_type="image/svg+xml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.filename}-{slug}.svg"'
        return response


# Kept presentations ---------------------------------------------------------------------------

# The builders whose presentation (rankings, tables, charts drawn as SVG: the edition's, agency's and
# comparison pages) is kept per generation of what is not an article, with the query parameters each
# reads: a request with any other parameter is
# built afresh (its download links carry the whole query, and an unbounded query must not fill the cache).
KEPT_BUILDERS = {
    "overview_view": frozenset(),
    "agencies_view": frozenset({"loai"}),
    "edition_view": frozenset({"loai", "xep-loai", "sap-xep", "thu-tu", as_of.PARAMETER}),
    "agency_view": frozenset({"linh-vuc", "muc-do", as_of.PARAMETER}),
    "comparison_view": frozenset({"co-quan", "ky", as_of.PARAMETER}),
}
KEPT_QUERY_MAX = 200  # characters of query string; longer ones are built afresh
# In every key: raised when `Presentation` or `KeptHead` change shape, so that a deployment never reads
# what the code before it kept (a pickled object without a field the new code reads).
KEPT_FORMAT = "3"


def kept_key(builder: str, request, args: tuple) -> str | None:
    """The cache key of what `builder` presents for this request, or None when it must be built afresh.

    Nothing is kept for a preview (a draft), a request that is not a plain GET, a query with parameters
    the view does not read, or a day in the past (`?ngay=`, the figures as they stood then, with the
    corrections published after it): those are built on every request. The key holds the generation of
    what is not an article (`revision_kept_generation`: a publish, a correction or a new figure renews
    it, so the next view shows it; an article's publish does not), the site, host and scheme (links are
    absolute), the language, today's date (the citation is dated) and the view's address and parameters.
    """
    parameters = KEPT_BUILDERS.get(builder)
    if parameters is None or getattr(request, "is_preview", False) or request.method not in ("GET", "HEAD"):
        return None
    query = request.GET.urlencode()
    if len(query) > KEPT_QUERY_MAX or any(name not in parameters for name in request.GET):
        return None
    today = timezone.localdate()
    if as_of.PARAMETER in request.GET:
        try:
            day = as_of.requested_day(request)
        except as_of.BadDay:
            return None  # answered with a 400 by the builder
        if day is None or day < today:
            return None
    parts = [
        KEPT_FORMAT,
        builder,
        *map(str, args),
        query,
        request.scheme,
        request.get_host(),
        str(request_site_id.get()),
        get_language() or "",
        today.isoformat(),
        request.path,
        # No presentation shows an article (the agency's news is a fragment of its own, in its template):
        # kept through articles' publishes, renewed by every other purge.
        revision_kept_generation(),
    ]
    return "indexes-view:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class KeptHead:
    """What a kept presentation's page needs besides its kept content: kept beside the presentation."""

    template: str
    head: dict
    names: tuple[str, ...]
    canonical_query: list[tuple[str, str]]


def head_key(key: str) -> str:
    return f"{key}:head"


def kept_presentation(key: str | None, build) -> Presentation | None:
    """What `build()` presents, from the cache under `key` when it is there (kept there when built)."""
    if key is None:
        return build()
    presentation = kept_cache().get(key)
    if presentation is None:
        presentation = build()
        if presentation is not None:
            head = KeptHead(
                template=presentation.template,
                head=presentation.head,
                names=presentation.context_names(),
                canonical_query=presentation.canonical_query,
            )
            kept_cache().set_many({key: presentation, head_key(key): head}, settings.FRAGMENT_CACHE_SECONDS)
    return presentation


def kept_page(key: str | None, build, request) -> tuple[str, dict, list] | None:
    """The template, context and canonical query of a route's HTML page; None when nothing is presented.

    When the page was presented before (`key`'s head is kept), its content is a kept fragment of the
    template: the context is then the head, and names the fragment alone reads, each read (with the whole
    presentation, kept or built again) only if the fragment is gone.
    """
    kept = kept_cache().get(head_key(key)) if key is not None else None
    if kept is None:
        presentation = kept_presentation(key, build)
        if presentation is None:
            return None
        return presentation.template, presentation.page_context(request), presentation.canonical_query

    full: list[dict] = []

    def read(name: str):
        if not full:
            presentation = kept_presentation(key, build)
            full.append(presentation.page_context(request) if presentation is not None else {})
        return full[0][name]

    context = {
        name: SimpleLazyObject(lambda name=name: read(name)) for name in kept.names if name not in kept.head
    }
    return kept.template, {**context, **kept.head}, kept.canonical_query


def fragment_context(key: str | None) -> dict:
    """What the template's `{% wagtailpagecache %}` of the page's content varies on: the presentation's
    key, or a key of its own kept for no time when the presentation is built afresh."""
    if key is None:
        return {"kept_fragment_seconds": 0, "kept_fragment_key": f"unkept:{secrets.token_hex(16)}"}
    return {"kept_fragment_seconds": settings.FRAGMENT_CACHE_SECONDS, "kept_fragment_key": key}


# Builders ---------------------------------------------------------------------------------------


def overview_view(page: IndexesPage, request) -> Presentation:
    """The published editions by series (one publisher's ranking of one group), newest first, with how
    many results each holds: each series its own list, so rankings of different publishers never mix."""
    editions = list(
        IndexEdition.objects.published()
        .select_related("series")
        .annotate(result_count=models.Count("results"))
        .order_by("series__publisher", "series__group", "series_id", "-year", "title")
    )
    series_lists: dict[int, dict] = {}
    for edition in editions:
        series_lists.setdefault(edition.series_id, {"series": edition.series, "editions": []})
        series_lists[edition.series_id]["editions"].append(edition)
    return Presentation(
        template="indexes/indexes_page.html",
        context={"editions": editions, "series_lists": list(series_lists.values()), "view_name": "overview"},
    )


def agencies_view(page: IndexesPage, request) -> Presentation:
    """Every agency with published figures, by name; `?loai=` keeps one kind."""
    kind = one_choice(request, "loai", [choice for choice, _ in AgencyKind.choices])
    agencies = Agency.objects.with_published_figures().order_by("name")
    if kind:
        agencies = agencies.filter(kind=kind)
    return Presentation(
        template="indexes/agency_list.html",
        context={"agencies": list(agencies), "kinds": AgencyKind.choices, "kind": kind},
        canonical_query=[("loai", kind)] if kind else [],
    )


def edition_view(page: IndexesPage, request, slug: str) -> Presentation | None:
    """An edition's ranking, filtered (`?loai=`, `?xep-loai=`) and sorted (`?sap-xep=`, `?thu-tu=giam`)."""
    day = requested_day(request)
    edition = published_edition(slug)
    if edition is None:
        return None
    then = as_of.edition_ranking_as_of(edition, day) if day else None
    if day and then is None:
        return None  # not yet published that day
    if then:
        edition, all_rows = then.edition, then.rows
    else:
        all_rows = edition_ranking(edition)
    kinds = sorted({row.agency.kind for row in all_rows})
    band_names = [band.name for band in sorted(edition.bands.all(), key=lambda band: -band.min_index)]
    components = list(edition.components.all())
    kind = one_choice(request, "loai", kinds)
    band = one_choice(request, "xep-loai", band_names)
    sort = one_choice(
        request, "sap-xep", [*SORT_KEYS, *(f"thanh-phan-{n}" for n in range(1, len(components) + 1))]
    )
    descending = request.GET.get("thu-tu", "") == "giam"
    rows = [
        row
        for row in all_rows
        if (not kind or row.agency.kind == kind) and (not band or (row.band and row.band.name == band))
    ]
    rows = sort_rows(rows, sort or "hang", components, descending=descending)
    # Components nobody in the edition has a figure for get no column (a framework's unused parts).
    with_figures = {pk for row in all_rows for pk in row.result.scores_by_component()}
    shown = [position for position, component in enumerate(components) if component.pk in with_figures]
    for row in rows:
        scores = row.result.scores_by_component()
        row.component_cells = [scores.get(components[position].pk) for position in shown]
    component_rows = [row for row in rows if any(row.component_cells)]
    title = gettext("Index by agency, %(edition)s") % {"edition": edition.title}
    chart = horizontal_bar_chart(
        [(row.agency.name, row.result.index_value, None) for row in rows],
        title=title,
        scale_max=100,
        suffix=" %",
        source=chart_source(edition),
    )
    ranking = ranking_table(edition, rows)
    ranking_query = [
        (name, value)
        for name, value in (
            ("loai", kind),
            ("xep-loai", band),
            ("sap-xep", sort if sort != "hang" else None),
            ("thu-tu", "giam" if descending else None),
        )
        if value
    ]
    summary = summarise([row.result.index_value for row in all_rows])
    figures = summary_table(edition, summary)
    return Presentation(
        template="indexes/edition_page.html",
        head={"page_heading": edition.title},
        context={
            "edition": edition,
            "rows": rows,
            "ranked_total": len(all_rows),
            "summary": summary,
            "components": components,
            "bands": sorted(edition.bands.all(), key=lambda band: -band.min_index),
            "filters": {
                "kinds": [(value, AgencyKind(value).label) for value in kinds],
                "bands": band_names,
                "kind": kind,
                "band": band,
                "sort": sort or "hang",
                "descending": descending,
            },
            "sort_links": sort_links(request, ["hang", "ten", "thay-doi"], sort or "hang", descending),
            "component_headers": [
                {"component": component, "sort": link}
                for position, (component, link) in enumerate(
                    zip(
                        components,
                        sort_links(
                            request,
                            [f"thanh-phan-{n}" for n in range(1, len(components) + 1)],
                            sort or "hang",
                            descending,
                        ).values(),
                        strict=True,
                    )
                )
                if position in shown
            ],
            "hidden_components": [
                component for position, component in enumerate(components) if position not in shown
            ],
            "components_with_figures": sum(1 for row in all_rows if row.result.scores_by_component()),
            "component_rows": component_rows,
            "previous_edition": next(
                (row.previous_edition for row in all_rows if row.previous_edition), None
            ),
            "corrected_rows": [row for row in all_rows if row.result.corrections.all()],
            "flagged": any(row.total_disagrees or row.rank_disagrees for row in all_rows),
            "meta_description": edition_description(edition, all_rows),
            "view_name": "edition",
            # Read only when the page is rendered (not for downloads): one query for both.
            "cited": SimpleLazyObject(lambda: edition_citations(edition)),
            "methodology_slug": edition.series.slug,
            **citable_context(
                page, request, day, then, title=edition.title, edition=edition, query=ranking_query
            ),
        },
        tables={ranking.slug: ranking, figures.slug: figures},
        charts={"chi-so": Chart("chi-so", title, chart)},
        filename=f"chi-so-cchc-{edition.slug}",
        canonical_query=ranking_query + day_query(day),
    )


@dataclass
class EditionCitations:
    decision: DocumentRef | None  # the decision's published document in the library
    methodology_html: SafeString  # the methodology with its citations of published documents linked


def edition_citations(edition: IndexEdition) -> EditionCitations:
    """The library documents an edition's decision and methodology cite, read in one query."""
    methodology = mark_safe(expand_db_html(edition.methodology or ""))  # Wagtail's own rich text
    decision_text = edition.decision_text()
    resolution = Resolution([decision_text, methodology], document_ids=[edition.decision_legal_document_id])
    return EditionCitations(
        decision=resolution.document(edition.decision_legal_document_id) or resolution.cited(decision_text),
        methodology_html=resolution.link(methodology),
    )


def agency_view(page: IndexesPage, request, slug: str) -> Presentation | None:
    """An agency's latest result, its history across editions, its service counts and its news."""
    day = requested_day(request)
    agency = Agency.objects.filter(slug=slug).first()
    if agency is None:
        return None
    then = as_of.agency_histories_as_of([agency], day) if day else None
    if then:
        history, counts = then.rows, as_of.service_counts_as_of(agency, day)
    else:
        history = agency_history(agency)
        counts = list(ServiceCount.objects.published().filter(agency=agency).order_by("-as_of"))
    procedure_list = (
        ProcedureList.objects.published().filter(agency=agency).prefetch_related("procedures").first()
    )
    if day:
        procedure_list = as_of.procedure_list_as_of(procedure_list, day)
    if not history and not counts and procedure_list is None:
        return None
    latest = history[0] if history else None
    downloadable = {}
    charts = {}
    if history:
        history_title = gettext("Index and rank of %(agency)s by year") % {"agency": agency.name}
        downloadable["qua-cac-nam"] = history_table(agency, history)
        charts["qua-cac-nam"] = Chart(
            "qua-cac-nam",
            history_title,
            bar_chart(
                [
                    (
                        str(row.edition.year),
                        float(row.result.index_value or 0),
                        gettext("rank %(rank)s/%(count)s") % {"rank": row.rank, "count": row.ranked_count}
                        if row.rank
                        else "",
                    )
                    for row in reversed(history)
                ],
                title=history_title,
                width=480,
                height=300,
                show_values=True,
                source=chart_source(latest.edition),
            ),
        )
    if latest and latest.result.component_scores.all():
        components_title = gettext("%(agency)s, %(edition)s: score against maximum by component") % {
            "agency": agency.display_name,
            "edition": latest.edition.title,
        }
        downloadable["diem-thanh-phan"] = components_table(latest)
        scores = latest.result.scores_by_component()
        component_rows = [
            (
                component.name,
                scores[component.pk].points if component.pk in scores else None,
                component.maximum,
            )
            for component in latest.edition.components.all()
        ]
        charts["diem-thanh-phan"] = Chart(
            "diem-thanh-phan",
            components_title,
            horizontal_bar_chart(
                component_rows, title=components_title, show_maximum=True, source=chart_source(latest.edition)
            ),
        )
    if counts:
        downloadable["dich-vu-cong"] = services_table(agency, counts)
    procedures = procedure_view(request, agency, procedure_list)
    if procedures:
        downloadable["thu-tuc"] = procedures["table"]
    return Presentation(
        template="indexes/agency_page.html",
        head={"page_heading": agency.name, "agency_slug": agency.slug},
        context={
            "subject_agency": agency,
            "history": history,
            "latest": latest,
            "latest_components": component_lines(latest) if latest else [],
            "service_counts": counts,
            "procedures": procedures,
            "meta_description": agency_description(agency, latest),
            "view_name": "agency",
            **citable_context(
                page,
                request,
                day,
                then,
                title=gettext("Reform-index results of %(agency)s") % {"agency": agency.name},
                edition=latest.edition if latest else None,
            ),
        },
        tables=downloadable,
        charts=charts,
        filename=f"chi-so-cchc-{agency.slug}",
        canonical_query=(procedures["query"] if procedures else []) + day_query(day),
    )


def procedure_view(request, agency: Agency, procedure_list: ProcedureList | None) -> dict | None:
    """The published procedure list behind an agency's online count: the counts from the whole list and
    its procedures filtered by field (`?linh-vuc=`, a field's address form) and level (`?muc-do=`)."""
    if procedure_list is None:
        for name in ("linh-vuc", "muc-do"):
            if request.GET.get(name):
                raise BadParameter(gettext("This agency has published no list of procedures."))
        return None
    every = list(procedure_list.procedures.all())
    fields = {ascii_slug(procedure.field): procedure.field for procedure in every if procedure.field}
    field = one_choice(request, "linh-vuc", list(fields))
    level = one_choice(request, "muc-do", list(ProcedureLevel.values))
    shown = [
        procedure
        for procedure in every
        if (not field or ascii_slug(procedure.field) == field) and (not level or procedure.level == level)
    ]
    return {
        "list": procedure_list,
        "counts": procedure_list.counts(),
        "procedures": shown,
        "fields": sorted(fields.items(), key=lambda item: item[1]),
        "levels": ProcedureLevel.choices,
        "field": field,
        "level": level,
        "table": procedures_table(agency, procedure_list, shown),
        "query": [(name, value) for name, value in (("linh-vuc", field), ("muc-do", level)) if value],
    }


def comparison_view(page: IndexesPage, request) -> Presentation:
    """Two to four agencies (`?co-quan=`) side by side in one edition (`?ky=`, else the newest shared)."""
    chosen_slugs = list(dict.fromkeys(slug for slug in request.GET.getlist("co-quan") if slug))
    unknown = [name for name in request.GET if name not in ("co-quan", "ky", as_of.PARAMETER)]
    if unknown:
        raise BadParameter(gettext("Unknown parameter: %(names)s.") % {"names": ", ".join(unknown)[:100]})
    if len(chosen_slugs) > COMPARE_MAX:
        raise BadParameter(gettext("Choose at most %(count)s agencies to compare.") % {"count": COMPARE_MAX})
    # Only agencies with results can be compared: service counts alone give nothing to set side by side.
    # In Vietnamese alphabetical order (Sở Kế hoạch before Sở Khoa học), not by code point.
    available = vietnamese_order(Agency.objects.with_published_results(), key=lambda agency: agency.name)
    by_slug = {agency.slug: agency for agency in available}
    missing = [slug for slug in chosen_slugs if slug not in by_slug]
    if missing:
        raise BadParameter(
            gettext("No agency with published figures has the code “%(code)s”.") % {"code": missing[0][:60]}
        )
    day = requested_day(request)
    editions = list(IndexEdition.objects.published().order_by("-year", "title"))
    if day:
        editions = [edition for edition in editions if as_of.published_by(edition, day)]
    edition_slug = one_choice(request, "ky", [edition.slug for edition in editions])
    context = {
        "available": available,
        "chosen": [by_slug[slug] for slug in chosen_slugs],
        "editions": editions,
        "compare_min": COMPARE_MIN,
        "compare_max": COMPARE_MAX,
        "view_name": "comparison",
    }
    base_query = [("co-quan", slug) for slug in chosen_slugs] + (
        [("ky", edition_slug)] if edition_slug else []
    )
    presentation = Presentation(
        template="indexes/comparison_page.html",
        context=context,
        filename="so-sanh-chi-so-cchc",
        canonical_query=base_query + day_query(day),
    )
    if len(chosen_slugs) < COMPARE_MIN:
        return presentation
    then = as_of.agency_histories_as_of([by_slug[slug] for slug in chosen_slugs], day) if day else None
    if then:
        by_agency = {by_slug[slug].pk: [] for slug in chosen_slugs}
        for row in then.rows:
            by_agency[row.result.agency_id].append(row)
    else:
        by_agency = agency_histories([by_slug[slug] for slug in chosen_slugs])
    histories = {slug: by_agency[by_slug[slug].pk] for slug in chosen_slugs}
    if edition_slug is None:
        # The newest edition in which all of them were assessed, else the newest with any of them.
        shared = set.intersection(*({row.edition.slug for row in rows} for rows in histories.values()))
        any_slug = {row.edition.slug for rows in histories.values() for row in rows}
        edition_slug = next(
            (edition.slug for edition in editions if edition.slug in shared),
            next((edition.slug for edition in editions if edition.slug in any_slug), None),
        )
    rows_in_edition = [
        next((row for row in histories[slug] if row.edition.slug == edition_slug), None)
        for slug in chosen_slugs
    ]
    present = [row for row in rows_in_edition if row is not None]
    edition = present[0].edition if present else None
    context.update(
        {
            "edition": edition,
            "rows": rows_in_edition,
            "histories": history_grid(chosen_slugs, histories),
            "absent": [
                by_slug[slug] for slug, row in zip(chosen_slugs, rows_in_edition, strict=True) if row is None
            ],
        }
    )
    if edition is not None and present:
        comparison = comparison_table(edition, present)
        presentation.tables[comparison.slug] = comparison
        # Named after what it holds: "so-sanh-<agencies>-<edition>".
        names = "-".join(ascii_slug(row.agency.short_name) or row.agency.slug for row in present)
        presentation.filename = f"{comparison.slug}-{names}-{edition.slug}"
        title = gettext("Index compared, %(edition)s") % {"edition": edition.title}
        presentation.charts["chi-so"] = Chart(
            "chi-so",
            title,
            horizontal_bar_chart(
                [(row.agency.name, row.result.index_value, None) for row in present],
                title=title,
                scale_max=100,
                suffix=" %",
                source=chart_source(edition),
            ),
        )
        context["comparison_table"] = comparison
    if edition is not None:
        context.update(
            citable_context(
                page,
                request,
                day,
                then,
                title=gettext("Comparison of %(agencies)s, %(edition)s")
                % {
                    "agencies": ", ".join(by_slug[slug].name for slug in chosen_slugs),
                    "edition": edition.title,
                },
                edition=edition,
                query=base_query,
            )
        )
    return presentation


def methodology_view(page: IndexesPage, request, slug: str) -> Presentation | None:
    """How an index series (`IndexSeries`, by its slug) is measured: components and maxima across its
    published editions, bands, decisions, licence. A series with no published edition has no page."""
    index_series = IndexSeries.objects.filter(slug=slug).first()
    if index_series is None:
        return None
    editions = list(
        IndexEdition.objects.published()
        .in_series(index_series)
        .select_related("decision_document", "decision_legal_document")
        .prefetch_related("components", "bands")
        .order_by("year", "pk")
    )
    if not editions:
        return None
    names = list(
        dict.fromkeys(component.name for edition in editions for component in edition.components.all())
    )
    maxima = {
        (edition.pk, component.name): component.maximum
        for edition in editions
        for component in edition.components.all()
    }
    return Presentation(
        template="indexes/methodology_page.html",
        context={
            "series": index_series,
            "editions": editions,
            "latest": editions[-1],
            "component_rows": [
                {"name": name, "maxima": [maxima.get((edition.pk, name)) for edition in editions]}
                for name in names
            ],
            "licence": settings.INDEXES_DATA_LICENCE,
            "licence_url": settings.INDEXES_DATA_LICENCE_URL,
            "view_name": "methodology",
            "latest_methodology": SimpleLazyObject(lambda: edition_citations(editions[-1]).methodology_html),
        },
    )


def events_feed(page: IndexesPage, request, slug: str | None = None) -> HttpResponse:
    """The Atom feed of figure events of the section, or of the agency `slug` (404 if it has none)."""
    agency = None
    if slug is not None:
        agency = Agency.objects.with_published_figures().filter(slug=slug).first()
        if agency is None:
            return error_response(request, gettext("There are no published figures at this address."), 404)
    return FigureEventsFeed(page, agency)(request)


# Helpers ----------------------------------------------------------------------------------------


def chart_source(edition: IndexEdition) -> str:
    """The line under a chart saying where its figures come from and which year they describe."""
    if edition.decision_number:
        return gettext("Source: decision %(decision)s. Figures for %(year)s.") % {
            "decision": edition.decision_text(),
            "year": edition.year,
        }
    return gettext("Source: %(edition)s. Figures for %(year)s.") % {
        "edition": edition.title,
        "year": edition.year,
    }


def requested_day(request):
    """The day of `?ngay=` (see `indexes.as_of`), or None; a bad one is a 400."""
    try:
        return as_of.requested_day(request)
    except as_of.BadDay as problem:
        raise BadParameter(str(problem)) from None


def day_query(day) -> list[tuple[str, str]]:
    return [(as_of.PARAMETER, day.isoformat())] if day else []


def citable_context(page, request, day, then, *, title: str, edition, query=()) -> dict:
    """The as-of banner's facts and the "Trích dẫn" block of a view."""
    chrome = site_chrome(request)
    site_agency = chrome.agency.agency_name if chrome else ""
    cited_day = day or timezone.localdate()
    citation: Citation = cite(
        # The series' publisher: who ranks (the decision's issuer may be another body).
        publisher=(edition.series.publisher if edition is not None else site_agency),
        title=title,
        edition=edition,
        day=cited_day,
        url=page.canonical_url(request, [*query, *day_query(cited_day)]),
    )
    return {
        "as_of_day": day,
        "later_corrections": then.later_corrections if then else [],
        "current_url": page.canonical_url(request, list(query)),
        "citation": citation,
    }


def one_choice(request, name: str, allowed: list[str]) -> str | None:
    """The value of query parameter `name` if it is one of `allowed`; empty means no choice."""
    value = request.GET.get(name, "")
    if not value:
        return None
    if value not in allowed:
        raise BadParameter(
            gettext("“%(value)s” is not a valid value for “%(name)s”.") % {"value": value[:60], "name": name}
        )
    return value


def sort_rows(rows: list[RankedResult], sort: str, components, *, descending: bool) -> list[RankedResult]:
    """Rows in the reader's chosen order; missing figures always sort last."""
    if sort == "ten":
        key = lambda row: (False, row.agency.name.casefold())  # noqa: E731
    elif sort == "thay-doi":
        key = lambda row: (row.index_change is None, -(row.index_change or 0))  # noqa: E731
    elif sort.startswith("thanh-phan-"):
        component = components[int(sort.rsplit("-", 1)[1]) - 1]

        def key(row):
            score = row.result.scores_by_component().get(component.pk)
            return (score is None, -(score.points if score else 0))
    else:
        key = lambda row: (row.rank == 0, row.rank)  # noqa: E731
    ordered = sorted(rows, key=key)
    if descending:
        present = [row for row in ordered if not key(row)[0]]
        ordered = present[::-1] + [row for row in ordered if key(row)[0]]
    return ordered


def sort_links(request, keys: list[str], current: str, descending: bool) -> dict[str, dict]:
    """For each sortable column, the permalink that sorts by it (again: reversed) and its aria-sort."""
    links = {}
    for key in keys:
        params = request.GET.copy()
        params["sap-xep"] = key
        reverse = key == current and not descending
        if reverse:
            params["thu-tu"] = "giam"
        else:
            params.pop("thu-tu", None)
        state = "none"
        if key == current:
            state = "descending" if descending else "ascending"
        links[key.replace("-", "_")] = {"url": "?" + params.urlencode(), "aria_sort": state}
    return links


def component_lines(row: RankedResult) -> list[dict]:
    """The latest result's components, each with its score, maximum and share, in framework order."""
    scores = row.result.scores_by_component()
    return [
        {"component": component, "score": scores.get(component.pk)}
        for component in row.edition.components.all()
    ]


def history_grid(slugs: list[str], histories: dict[str, list[RankedResult]]) -> list[dict]:
    """Editions as rows, the compared agencies as columns: each cell the agency's result in that edition."""
    editions = {}
    for rows in histories.values():
        for row in rows:
            editions.setdefault(row.edition.pk, row.edition)
    grid = []
    for edition in sorted(editions.values(), key=lambda item: (-item.year, item.title)):
        cells = [
            next((row for row in histories[slug] if row.edition.pk == edition.pk), None) for slug in slugs
        ]
        grid.append({"edition": edition, "cells": cells})
    return grid


def edition_description(edition: IndexEdition, rows: list[RankedResult]) -> str:
    """What search engines and link previews say of an edition: its size and its leader."""
    leader = next((row for row in rows if row.rank == 1), None)
    if leader is None:
        return edition.title
    return gettext("%(edition)s: %(count)s agencies ranked; first: %(agency)s, index %(index)s.") % {
        "edition": edition.title,
        "count": len(rows),
        "agency": leader.agency.display_name,
        "index": formatting.points(leader.result.index_value),
    }


def agency_description(agency: Agency, latest: RankedResult | None) -> str:
    """What search engines and link previews say of an agency: its latest index and rank."""
    if latest is None or latest.result.index_value is None:
        return agency.display_name
    return gettext("%(agency)s: index %(index)s in %(edition)s, ranked %(rank)s of %(count)s.") % {
        "agency": agency.display_name,
        "index": formatting.points(latest.result.index_value),
        "edition": latest.edition.title,
        "rank": latest.rank,
        "count": latest.ranked_count,
    }
