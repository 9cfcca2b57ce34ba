"""The visitor statistics on the public site: the hit image every page loads, and the statistics page."""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal import charts
from portal.caching.generation import lists_generation_anywhere
from portal.visits import counting, figures


class PixelThenFlush(HttpResponse):
    """The hit image; once the server has sent it (it calls `close()`), the pending hits are added up."""

    def close(self):
        super().close()
        counting.flush_quietly()


def hit(request):
    """Count a page view (the 1×1 image every public page embeds) and answer with the image.

    It is never cached and sets no cookie, so every view of a page, even one served from a cache,
    reaches this view exactly once. Once a minute it also adds the pending hits to the totals, after
    the image has been sent.
    """
    try:
        page_id = counting.parse_page_parameter(request.GET.get("page", ""))
    except ValueError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain")
    counting.record_hit(request, page_id)
    response_class = PixelThenFlush if counting.flush_is_due() else HttpResponse
    response = response_class(counting.PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store, private"
    return response


@require_GET
def statistics(request):
    """The public statistics page: visits per day and per month as charts and tables, and the most read;
    the site's own on a department's address, the province's on the hub's.

    Its figures are at most VISITS_SUMMARY_SECONDS old, like the visitor box of every page: reading the
    series and the most viewed pages and drawing the charts cost 30 ms, and a page anyone may reload
    must not cost that on each request. Which of the most viewed pages are live, and their titles, are
    read again after every publish that may change them (a page unpublished leaves the list at once, a
    new title shows; an edit of an article's body changes neither: `lists_generation_anywhere`): one
    query, and the two lists drawn again, not the charts.
    """
    site_id = figures.scope_of(request)
    key = f"visits:statistics:{site_id or 'province'}:{get_language()}"
    context = cache.get_or_set(key, lambda: statistics_figures(site_id), settings.VISITS_SUMMARY_SECONDS)
    pages_token = lists_generation_anywhere()

    def most_read() -> dict:
        return {
            name: figures.live_pages(context[f"{name}_rows"])
            for name in ("most_read_week", "most_read_month")
        }

    # The content's HTML is kept as long as the figures, under the token they were read with (drawing
    # the tables cost as much again as reading them); the lists of the most read under the publish's too.
    lists = SimpleLazyObject(
        lambda: cache.get_or_set(
            f"{key}:{context['figures_token']}:{pages_token}", most_read, settings.VISITS_SUMMARY_SECONDS
        )
    )
    return TemplateResponse(
        request,
        "portal/statistics.html",
        {
            **context,
            "pages_token": pages_token,
            "most_read_week": SimpleLazyObject(lambda: lists["most_read_week"]),
            "most_read_month": SimpleLazyObject(lambda: lists["most_read_month"]),
            "kept_seconds": settings.VISITS_SUMMARY_SECONDS,
        },
    )


def statistics_figures(site_id: int | None) -> dict:
    """What the statistics page shows of a site's (or, None, the province's) visits."""
    # (id, title, period heading, rows of (date, visits, views), table date format, chart date format, label every)
    series = [
        (
            "days",
            _("Visits per day, last 30 days"),
            _("Day"),
            figures.daily_series(days=30, site_id=site_id),
            "%d/%m/%Y",
            "%d/%m",
            5,
        ),
        (
            "months",
            _("Visits per month, last 12 months"),
            _("Month"),
            figures.monthly_series(months=12, site_id=site_id),
            "%m/%Y",
            "%m/%Y",
            2,
        ),
    ]
    return {
        "figures_token": secrets.token_hex(8),  # names this reading of the figures
        "summary": figures.summary(site_id=site_id),
        "province_figures": site_id is None,
        "repeat_minutes": settings.VISITS_REPEAT_MINUTES,
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
        "most_read_week_rows": figures.most_read_rows(days=7, site_id=site_id),
        "most_read_month_rows": figures.most_read_rows(days=30, site_id=site_id),
    }
