"""The figures people see: the visitor box, a page's view count, the series and the most read.

They are the flushed totals plus what is still pending in the store, so they are exact at any time.

Each figure is a site's (`site_id`) or, with `site_id=None`, the whole install's: the province's, which
the hub shows (`scope_of`). The totals carried over from a previous portal (`VisitorSettings`) belong
to the province's figures and to the default site's, the portal the install replaced.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone
from wagtail.models import Site

from portal.caching.local import WorkerMemo
from portal.caching.restrictions import public
from portal.models import PageViewDay, SiteVisitDay, VisitDay, VisitorSettings
from portal.site_scoping import is_hub
from portal.visits.counting import local_day
from portal.visits.stores import get_store


@dataclass(frozen=True)
class Summary:
    """The figures of the visitor box."""

    online: int
    today_visits: int
    today_page_views: int
    total_visits: int
    total_page_views: int
    online_minutes: int

    def as_dict(self) -> dict:
        return {
            "online": self.online,
            "online_window_minutes": self.online_minutes,
            "today_visits": self.today_visits,
            "today_page_views": self.today_page_views,
            "total_visits": self.total_visits,
            "total_page_views": self.total_page_views,
        }


def scope_of(request) -> int | None:
    """Whose figures a request shows: its site's id, or None (the province) on the hub or no site."""
    site = Site.find_for_request(request)
    if site is None or is_hub(site):
        return None
    return site.pk


def _days(site_id: int | None):
    return VisitDay.objects.all() if site_id is None else SiteVisitDay.objects.filter(site_id=site_id)


def _historic(site_id: int | None) -> tuple[int, int]:
    if site_id is not None and not Site.objects.filter(pk=site_id, is_default_site=True).exists():
        return 0, 0
    historic = VisitorSettings.load()
    return historic.historic_visits, historic.historic_page_views


def summary(now: datetime | None = None, site_id: int | None = None) -> Summary:
    """The visitor box: online now, today's visits and views, and the totals since the first portal;
    a site's, or the province's when `site_id` is None."""
    now = now or timezone.now()
    today = local_day(now)
    store = get_store()
    pending_today_visits, pending_today_views, pending_visits, pending_views = store.pending_counts(
        today, site_id
    )
    days = _days(site_id)
    counted = days.aggregate(visits=Sum("visits"), views=Sum("page_views"))
    today_row = days.filter(day=today).values_list("visits", "page_views").first() or (0, 0)
    historic_visits, historic_page_views = _historic(site_id)
    return Summary(
        online=store.online(now, site_id),
        today_visits=today_row[0] + pending_today_visits,
        today_page_views=today_row[1] + pending_today_views,
        total_visits=historic_visits + (counted["visits"] or 0) + pending_visits,
        total_page_views=historic_page_views + (counted["views"] or 0) + pending_views,
        online_minutes=settings.VISITS_ONLINE_MINUTES,
    )


def page_views(page_id: int) -> int:
    """How many times a page has been viewed, pending views included."""
    return get_store().page_views(page_id)


def most_read(*, days: int, limit: int = 5, now: datetime | None = None, site_id: int | None = None):
    """The live pages (of a site, or of every site) viewed most over the last `days` days: a list of
    (page, views)."""
    return live_pages(most_read_rows(days=days, limit=limit, now=now, site_id=site_id), limit)


# This worker's copy of the figures it shows (the visitor boxes, the articles' view counts): {cache
# key: (when they were read, figures)}; forgotten by `forget_held()` (the tests, between tests).
_HELD = WorkerMemo(most=5000)


def held(key: str, read):
    """Figures at most VISITS_SUMMARY_SECONDS old: read once for every worker (the shared cache keeps
    them with the time they were read), then held by each worker until that age, so that a page drawn
    anew asks the cache nothing for them (a round trip to Redis: 0.3 ms a page)."""
    seconds = settings.VISITS_SUMMARY_SECONDS
    kept = _HELD.get(key)
    if kept is not None and time.time() - kept[0] < seconds:
        return kept[1]
    read_at, found = cache.get(key) or (None, None)
    if read_at is None or time.time() - read_at >= seconds:  # none, or too old by this worker's clock
        read_at, found = time.time(), read()
        cache.set(key, (read_at, found), seconds)
    _HELD.keep(key, (read_at, found))
    return found


def box_summary(site_id: int | None) -> Summary:
    """The visitor box's figures (of a site, or of the province), at most VISITS_SUMMARY_SECONDS old."""
    return held(f"visits:box:{site_id or 'province'}", lambda: summary(site_id=site_id))


def held_page_views(page_id: int) -> int:
    """A page's view count, at most VISITS_SUMMARY_SECONDS old."""
    return held(f"visits:page-views:{page_id}", lambda: page_views(page_id))


def forget_held() -> None:
    """Forget this worker's copies of the figures."""
    _HELD.clear()


# Unpublished pages among the most viewed are dropped when shown (`live_pages`): three times as many are
# counted, so that a few withdrawn pages leave the list full.
MOST_READ_HEADROOM = 3


def most_read_rows(
    *, days: int, limit: int = 5, now: datetime | None = None, site_id: int | None = None
) -> list[tuple[int, int]]:
    """(page id, views) of the pages (of a site, or of every site) viewed most over the last `days`
    days, published or not (adding them up is the costly part: kept with the other figures, while
    which of them are live is read again after every publish)."""
    since = local_day(now or timezone.now()) - timedelta(days=days - 1)
    rows = PageViewDay.objects.filter(day__gte=since)
    if site_id is not None:
        root_path = Site.objects.filter(pk=site_id).values_list("root_page__path", flat=True).first() or ""
        rows = rows.filter(page__path__startswith=root_path)
    rows = rows.values("page").annotate(total=Sum("views")).order_by("-total", "page")
    return [(row["page"], row["total"]) for row in rows[: limit * MOST_READ_HEADROOM]]


def live_pages(rows: list[tuple[int, int]], limit: int = 5) -> list[tuple]:
    """The first `limit` of these (page id, views) whose page is live and public, as (page, views): a page
    put behind a password or a login after it was read is not named on the public statistics."""
    from wagtail.models import Page

    pages = public(Page.objects.live()).in_bulk([page_id for page_id, _total in rows])
    return [(pages[page_id], total) for page_id, total in rows if page_id in pages][:limit]


def daily_series(
    *, days: int, now: datetime | None = None, site_id: int | None = None
) -> list[tuple[date, int, int]]:
    """(day, visits, page views) for each of the last `days` days, oldest first, zeros included."""
    today = local_day(now or timezone.now())
    first = today - timedelta(days=days - 1)
    stored = {row.day: row for row in _days(site_id).filter(day__gte=first)}
    return [
        (day, stored[day].visits if day in stored else 0, stored[day].page_views if day in stored else 0)
        for day in (first + timedelta(days=offset) for offset in range(days))
    ]


def monthly_series(
    *, months: int, now: datetime | None = None, site_id: int | None = None
) -> list[tuple[date, int, int]]:
    """(first day of month, visits, page views) for the last `months` months, oldest first."""
    today = local_day(now or timezone.now())
    starts = []
    year, month = today.year, today.month
    for _ in range(months):
        starts.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    starts.reverse()
    totals = {start: [0, 0] for start in starts}
    for row in _days(site_id).filter(day__gte=starts[0]):
        start = row.day.replace(day=1)
        if start in totals:
            totals[start][0] += row.visits
            totals[start][1] += row.page_views
    return [(start, *totals[start]) for start in starts]
