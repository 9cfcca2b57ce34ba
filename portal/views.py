"""Views of the site shell that are not Wagtail pages."""

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal import charts, visits

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """Report whether the portal can serve pages: 200 when the database answers, 503 when not.

    The cache is reported too, but a cache outage alone does not fail the check: pages still render.
    """
    checks = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check: database unavailable: %s", error)
        checks["database"] = "unavailable"
    try:
        cache.set("healthz", "ok", 5)
        if cache.get("healthz") != "ok":
            checks["cache"] = "unavailable"
    except Exception as error:  # noqa: BLE001 - any cache client error means "unavailable"
        logger.warning("Health check: cache unavailable: %s", error)
        checks["cache"] = "unavailable"
    status = 200 if checks["database"] == "ok" else 503
    return JsonResponse({"status": "ok" if status == 200 else "unavailable", **checks}, status=status)


@require_GET
def robots_txt(request):
    """Let search engines in, keep them out of the admin and search results, and point at the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /tim-kiem/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def visit_hit(request):
    """Count a page view (the 1×1 image every public page embeds) and answer with the image.

    It is never cached and sets no cookie, so every view of a page, even one served from a cache,
    reaches this view exactly once. Once a minute it also adds the pending hits to the totals, after
    the image has been sent.
    """
    try:
        page_id = visits.parse_page_parameter(request.GET.get("page", ""))
    except ValueError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain")
    visits.record_hit(request, page_id)
    response = HttpResponse(visits.PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store, private"
    if visits.flush_is_due():
        response._resource_closers.append(visits.flush)
    return response


@require_GET
def statistics(request):
    """The public statistics page: visits per day and per month as charts and tables, and the most read."""
    # (id, title, period heading, rows of (date, visits, views), table date format, chart date format, label every)
    series = [
        (
            "days",
            _("Visits per day, last 30 days"),
            _("Day"),
            visits.daily_series(days=30),
            "%d/%m/%Y",
            "%d/%m",
            5,
        ),
        (
            "months",
            _("Visits per month, last 12 months"),
            _("Month"),
            visits.monthly_series(months=12),
            "%m/%Y",
            "%m/%Y",
            2,
        ),
    ]
    return TemplateResponse(
        request,
        "portal/statistics.html",
        {
            "summary": visits.summary(),
            "visit_series": [
                {
                    "id": series_id,
                    "title": title,
                    "period": period,
                    "rows": [(start.strftime(table_format), count, views) for start, count, views in rows],
                    "chart": charts.bar_chart(
                        [(start.strftime(chart_format), count) for start, count, _views in rows],
                        title=title,
                        label_every=label_every,
                    ),
                }
                for series_id, title, period, rows, table_format, chart_format, label_every in series
            ],
            "most_read_week": visits.most_read(days=7),
            "most_read_month": visits.most_read(days=30),
        },
    )
