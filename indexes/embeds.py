"""Embed pages (…/nhung/<chart>/): one chart with its table, its source and a link back, for newspapers.
A table no chart draws (an edition's mean and median, an agency's service counts and procedures) has
its own embed page at …/nhung/<table>/: the table, its source and the link back.

A newspaper puts the page in an iframe, so these pages (and only these) may be framed by any site:
`X-Frame-Options` is left off and the Content-Security-Policy's `frame-ancestors` becomes `*`. Every
other rule of the site's policy stays. The page runs no script, loads only the portal's own small
stylesheet and sets no cookie. The chart and table are the very ones of the view it comes from, with
the same query string (`?ngay=`, filters), so an embedded chart can be pinned to a day.
"""

from decimal import Decimal

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext

from indexes import formatting
from indexes.citing import decision_words
from indexes.tables import DataTable
from portal.http import error_response
from portal.site_chrome import site_chrome

SEGMENT = "nhung"
# Charts whose table has another name than the chart (the others share their slug).
TABLE_OF_CHART = {"chi-so": ("xep-hang", "so-sanh")}
FRAME_POLICY = {"frame-ancestors": ["*"]}


def embed_url(request, chart_slug: str) -> str:
    """The absolute address of a chart's embed page, from the address of the view that draws it."""
    query = request.GET.urlencode()
    return request.build_absolute_uri(
        f"{request.path}{SEGMENT}/{chart_slug}/" + (f"?{query}" if query else "")
    )


def table_for(tables: dict[str, DataTable], chart_slug: str) -> DataTable | None:
    """The table that holds the chart's figures."""
    if chart_slug in tables:
        return tables[chart_slug]
    return next((tables[slug] for slug in TABLE_OF_CHART.get(chart_slug, ()) if slug in tables), None)


def chartless_tables(charts: dict, tables: dict[str, DataTable]) -> dict[str, DataTable]:
    """The tables that no chart draws, by slug: each has an embed page of its own."""
    drawn = {id(table_for(tables, slug)) for slug in charts}
    return {slug: table for slug, table in tables.items() if id(table) not in drawn}


def cell_text(value) -> str:
    """A table cell as the page shows it: scores in the reader's locale, the rest as text."""
    if isinstance(value, Decimal):
        return formatting.points(value)
    return formatting.MISSING if value in (None, "") else str(value)


def table_rows(table: DataTable) -> tuple[list[str], list[list[tuple[str, bool]]]]:
    """(headings, rows of (text, is a number)) of a table, read across (a row per figure) or down."""
    headings = [column.label for column in table.columns]
    if table.row_formats:
        return headings, [
            [(heading, False), *((cell, True) for cell in cells)] for heading, cells in table.display_rows()
        ]
    return headings, [
        [(cell_text(value), isinstance(value, Decimal | int)) for value in row] for row in table.rows
    ]


def embed_response(request, presentation, chart_slug: str, *, context: dict) -> HttpResponse:
    """The embed page of one of the presentation's charts, or of a table no chart draws; 404 otherwise."""
    chart = presentation.charts.get(chart_slug)
    if chart is None:
        table = chartless_tables(presentation.charts, presentation.tables).get(chart_slug)
        if table is None:
            return error_response(request, gettext("There is no such chart here."), 404)
    else:
        table = table_for(presentation.tables, chart_slug)
    headings, rows = table_rows(table) if table else ([], [])
    edition = context.get("edition") or getattr(context.get("latest"), "edition", None)
    chrome = site_chrome(request)
    source = [
        part
        for part in (decision_words(edition) if edition else "", chrome.agency.agency_name if chrome else "")
        if part
    ]
    view_path = request.path.split(f"{SEGMENT}/")[0]
    query = request.GET.urlencode()
    response = TemplateResponse(
        request,
        "indexes/embed.html",
        {
            "chart": chart,
            "title": chart.title if chart else table.title,
            "table": table,
            "headings": headings,
            "rows": rows,
            "source": "; ".join(source),
            "view_url": request.build_absolute_uri(view_path + (f"?{query}" if query else "")),
            "as_of_day": context.get("as_of_day"),
        },
    )
    response.xframe_options_exempt = True
    response._csp_replace = FRAME_POLICY  # django-csp: this response's frame-ancestors
    return response
