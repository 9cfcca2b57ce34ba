"""Where hits wait to be added up: Redis when `VISITS_REDIS_URL` (by default `REDIS_URL`) is set (one
script call a hit), the database otherwise (one INSERT a hit, no row lock); and adding them to the daily
totals.

Every hit is counted twice over: for the site whose host it came to, and for the whole install (the
province, which the hub shows). A visitor is one visit in each site they read that day and one in the
province.

A visitor's views of one page within `VISITS_REPEAT_MINUTES` count once: the Redis script sets a key
with NX and an expiry, the database store remembers it in this
process's memory. The visits (distinct visitors a day)
are not affected.

When the counters' Redis cannot be reached, a hit goes to the database store instead
(`portal.visits.counting.record_hit`), and Redis is not tried again for `REDIS_RETRY_SECONDS`, so a
Redis that stopped answering costs one timeout per process, not one per hit; the figures then show what
the database holds.
"""

from __future__ import annotations

import functools
import logging
import secrets
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Subquery, Sum

from portal.models import DailyVisitor, PageViewDay, PendingHit, SiteVisitDay, VisitDay, VisitSecret

try:
    from redis.exceptions import RedisError
except ImportError:  # the Redis client is only needed with Redis
    RedisError = OSError

logger = logging.getLogger(__name__)

# What an unreachable Redis raises: refused or reset connections, timeouts, a server that is loading.
REDIS_ERRORS = (RedisError, OSError)
# After a failure, how long this process sends hits to the database without trying Redis again.
REDIS_RETRY_SECONDS = 10


@dataclass
class Pending:
    """Counts recorded but not yet flushed: the install's per day (visits, views), per (day, page)
    views, and each site's per (site, day) visits and views."""

    visits: Counter
    views: Counter
    page_views: Counter
    site_visits: Counter = field(default_factory=Counter)
    site_views: Counter = field(default_factory=Counter)

    def counts(self, today: date, site_id: int | None) -> tuple[int, int, int, int]:
        """(visits today, views today, visits in all, views in all): the install's, or a site's."""
        if site_id is None:
            visits, views = self.visits, self.views
        else:
            visits = Counter({day: n for (site, day), n in self.site_visits.items() if site == site_id})
            views = Counter({day: n for (site, day), n in self.site_views.items() if site == site_id})
        return visits[today], views[today], sum(visits.values()), sum(views.values())


# Stores ----------------------------------------------------------------------------------------

# The database store's memory of the views it counted in the last VISITS_REPEAT_MINUTES: this process's
# own (never a Redis that may be the one failing), so with several processes and no Redis a repeated
# view counts at most once per process. 100,000 (visitor, page) pairs fit, a few megabytes; past that
# the oldest tenth is dropped and those visitors' next view counts again.
RECENT_VIEWS = LocMemCache(
    "portal-visits-recent-views", {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 100_000, "CULL_FREQUENCY": 10}}
)


class DatabaseStore:
    """Pending hits as rows in the database: the embedded default."""

    def __init__(self):
        self._secrets: dict[date, str] = {}

    def secret_for(self, day: date) -> str:
        if day not in self._secrets:
            self._secrets = {}  # forget earlier days in this process too
            try:
                secret = VisitSecret.objects.get_or_create(
                    day=day, defaults={"secret": secrets.token_hex(32)}
                )[0]
            except IntegrityError:  # another process made it at the same moment
                secret = VisitSecret.objects.get(day=day)
            self._secrets[day] = secret.secret
        return self._secrets[day]

    def record(self, *, day: date, page_id: int, site_id: int, visitor: str, now: datetime) -> bool:
        """Add a pending hit, unless this visitor's view of this page was counted a moment ago."""
        if settings.VISITS_REPEAT_MINUTES > 0 and not RECENT_VIEWS.add(
            f"{visitor}:{page_id}", 1, settings.VISITS_REPEAT_MINUTES * 60
        ):
            return False
        PendingHit.objects.create(created_at=now, day=day, page_id=page_id, site_id=site_id, visitor=visitor)
        return True

    def online(self, now: datetime, site_id: int | None = None) -> int:
        since = now - timedelta(minutes=settings.VISITS_ONLINE_MINUTES)
        rows = PendingHit.objects.filter(created_at__gte=since)
        if site_id is not None:
            rows = rows.filter(site_id=site_id)
        return rows.values("visitor").distinct().count()

    def flush(self, now: datetime) -> int:
        batch = uuid.uuid4().hex
        with transaction.atomic():
            claimed = PendingHit.objects.filter(batch="").update(batch=batch)
            if claimed:
                rows = PendingHit.objects.filter(batch=batch)
                visitors_by_day: dict[date, set[str]] = {}
                visitors_by_site_day: dict[tuple[int, date], set[str]] = {}
                views, page_views, site_views = Counter(), Counter(), Counter()
                for day, page_id, site_id, visitor in rows.values_list(
                    "day", "page_id", "site_id", "visitor"
                ).iterator():
                    visitors_by_day.setdefault(day, set()).add(visitor)
                    views[day] += 1
                    if page_id:
                        page_views[day, page_id] += 1
                    if site_id:
                        visitors_by_site_day.setdefault((site_id, day), set()).add(visitor)
                        site_views[site_id, day] += 1
                visits = Counter(
                    {day: add_daily_visitors(day, hashes) for day, hashes in visitors_by_day.items()}
                )
                site_visits = Counter(
                    {
                        (site_id, day): add_daily_visitors(day, hashes, scope=site_id)
                        for (site_id, day), hashes in visitors_by_site_day.items()
                    }
                )
                apply_counts(
                    Pending(
                        visits=visits,
                        views=views,
                        page_views=page_views,
                        site_visits=site_visits,
                        site_views=site_views,
                    )
                )
        PendingHit.objects.exclude(batch="").filter(
            created_at__lt=now - timedelta(minutes=settings.VISITS_ONLINE_MINUTES)
        ).delete()
        return claimed

    @staticmethod
    def _new_visitors(rows, scope: int):
        known = DailyVisitor.objects.filter(day=OuterRef("day"), visitor=OuterRef("visitor"), scope=scope)
        return rows.exclude(Exists(known))

    def pending_counts(self, today: date, site_id: int | None = None) -> tuple[int, int, int, int]:
        """(visits today, views today, visits in all, views in all) recorded but not flushed: the
        install's, or with `site_id` that site's."""
        rows = PendingHit.objects.filter(batch="")
        if site_id is not None:
            rows = rows.filter(site_id=site_id)
        new_visitors = self._new_visitors(rows, site_id or 0).values("day", "visitor").distinct()
        return (
            new_visitors.filter(day=today).count(),
            rows.filter(day=today).count(),
            new_visitors.count(),
            rows.count(),
        )

    def page_views(self, page_id: int) -> int:
        """Counted and pending views in one statement, so a flush running meanwhile cannot skew it."""
        from wagtail.models import Page

        counted = (
            PageViewDay.objects.filter(page_id=OuterRef("pk")).values("page_id").annotate(total=Sum("views"))
        )
        pending = (
            PendingHit.objects.filter(batch="", page_id=OuterRef("pk"))
            .values("page_id")
            .annotate(total=Count("pk"))
        )
        row = (
            Page.objects.filter(pk=page_id)
            .annotate(counted=Subquery(counted.values("total")), pending=Subquery(pending.values("total")))
            .values_list("counted", "pending")
            .first()
        )
        return sum(value or 0 for value in row) if row else 0

    def forget_before(self, day: date) -> None:
        VisitSecret.objects.filter(day__lt=day).delete()


# KEYS: the day's visitors, pending counts, online visitors, pending views per page, this visitor's
# view of this page, the day's visitors of the site, the site's online visitors. ARGV: visitor, day,
# page id, timestamp, the day's keys' lifetime, repeat window, site id, start of the online window.
# Returns -1 for a repeated view (not counted), else 1 for the day's new visitor and 0 for a known one.
RECORD_SCRIPT = """
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
redis.call('ZADD', KEYS[7], ARGV[4], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[7], '-inf', ARGV[8])
if tonumber(ARGV[6]) > 0 and not redis.call('SET', KEYS[5], '1', 'NX', 'EX', ARGV[6]) then
  return -1
end
local new = redis.call('SADD', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('HINCRBY', KEYS[2], 'views:' .. ARGV[2], 1)
if new == 1 then redis.call('HINCRBY', KEYS[2], 'visits:' .. ARGV[2], 1) end
redis.call('HINCRBY', KEYS[2], 'page:' .. ARGV[2] .. ':' .. ARGV[3], 1)
redis.call('HINCRBY', KEYS[4], ARGV[3], 1)
local site = 'site:' .. ARGV[7] .. ':'
local new_here = redis.call('SADD', KEYS[6], ARGV[1])
redis.call('EXPIRE', KEYS[6], ARGV[5])
redis.call('HINCRBY', KEYS[2], site .. 'views:' .. ARGV[2], 1)
if new_here == 1 then redis.call('HINCRBY', KEYS[2], site .. 'visits:' .. ARGV[2], 1) end
return new
"""


CLAIM_SCRIPT = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[3])
redis.call('DEL', KEYS[2])
return 1
"""


class RedisStore:
    """Pending counts in Redis: one script call per hit, shared by every app process."""

    def __init__(self, url: str, prefix: str, timeout: float = 0.5):
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        # A short timeout and no retries: a Redis that stopped answering must not hold a hit (and its
        # worker) long; the hit goes to the database instead.
        self.redis = redis.Redis.from_url(
            url,
            decode_responses=True,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry=Retry(NoBackoff(), 0),
        )
        self.prefix = prefix
        self.record_script = self.redis.register_script(RECORD_SCRIPT)
        self.claim_script = self.redis.register_script(CLAIM_SCRIPT)
        self._secrets: dict[date, str] = {}
        self._down_until = 0.0

    def reachable(self) -> bool:
        """False for REDIS_RETRY_SECONDS after a failure: hits go to the database meanwhile."""
        return time.monotonic() >= self._down_until

    def failed(self) -> None:
        self._down_until = time.monotonic() + REDIS_RETRY_SECONDS

    def known_secret(self, day: date) -> str | None:
        """The day's secret if this process has read it, so a visitor hashes alike in the fallback."""
        return self._secrets.get(day)

    def key(self, *parts) -> str:
        return ":".join([self.prefix, *map(str, parts)])

    def secret_for(self, day: date) -> str:
        if day not in self._secrets:
            self._secrets = {}
            key = self.key("secret", day.isoformat())
            # Kept a day and a half, so that it outlives its day in every time zone, then gone.
            self.redis.set(key, secrets.token_hex(32), nx=True, ex=36 * 3600)
            self._secrets[day] = self.redis.get(key)
        return self._secrets[day]

    def online_key(self, site_id: int | None) -> str:
        return self.key("online") if site_id is None else self.key("online", "site", site_id)

    def record(self, *, day: date, page_id: int, site_id: int, visitor: str, now: datetime) -> bool:
        """One script call; False when this visitor's view of this page was counted a moment ago."""
        outcome = self.record_script(
            keys=[
                self.key("visitors", day.isoformat()),
                self.key("pending"),
                self.online_key(None),
                self.key("pending-pages"),
                self.key("seen", visitor, page_id),
                self.key("visitors", "site", site_id, day.isoformat()),
                self.online_key(site_id),
            ],
            args=[
                visitor,
                day.isoformat(),
                page_id,
                now.timestamp(),
                36 * 3600,
                settings.VISITS_REPEAT_MINUTES * 60,
                site_id,
                now.timestamp() - settings.VISITS_ONLINE_MINUTES * 60,
            ],
        )
        return outcome >= 0

    def online(self, now: datetime, site_id: int | None = None) -> int:
        since = now.timestamp() - settings.VISITS_ONLINE_MINUTES * 60
        if not self.reachable():
            return 0
        try:
            pipe = self.redis.pipeline()
            pipe.zremrangebyscore(self.online_key(site_id), "-inf", since)
            pipe.zcard(self.online_key(site_id))
            return pipe.execute()[1]
        except REDIS_ERRORS:
            self.unreachable("online count")
            return 0

    def unreachable(self, what: str) -> None:
        """Log a failure and leave Redis alone for a while: the figures show what the database holds."""
        logger.warning("Visit counters' Redis unreachable (%s)", what, exc_info=True)
        self.failed()

    def _pending_fields(self) -> dict[str, str]:
        if not self.reachable():
            return {}
        try:
            return self.redis.hgetall(self.key("pending"))
        except REDIS_ERRORS:
            self.unreachable("pending counts")
            return {}

    def _parse(self, fields: dict[str, str]) -> Pending:
        pending = Pending(visits=Counter(), views=Counter(), page_views=Counter())
        for name, value in fields.items():
            kind, day_text, *rest = name.split(":")
            if kind == "site":  # site:<id>:visits|views:<day>
                site_id, site_kind, site_day = int(day_text), rest[0], date.fromisoformat(rest[1])
                counter = pending.site_visits if site_kind == "visits" else pending.site_views
                counter[site_id, site_day] += int(value)
                continue
            day = date.fromisoformat(day_text)
            if kind == "visits":
                pending.visits[day] += int(value)
            elif kind == "views":
                pending.views[day] += int(value)
            elif kind == "page":
                pending.page_views[day, int(rest[0])] += int(value)
        return pending

    def flush(self, now: datetime) -> int:
        flushed = 0
        # Leftovers of a flush that failed before its database write are added first.
        for key in [*self.redis.scan_iter(self.key("flushing", "*")), self._claim()]:
            if not key:
                continue
            pending = self._parse(self.redis.hgetall(key))
            with transaction.atomic():
                apply_counts(pending)
            self.redis.delete(key)
            flushed += sum(pending.views.values())
        return flushed

    def _claim(self) -> str | None:
        """Move the pending counts aside atomically, so hits arriving meanwhile start a new hash."""
        key = self.key("flushing", uuid.uuid4().hex)
        claimed = self.claim_script(keys=[self.key("pending"), self.key("pending-pages"), key])
        return key if claimed else None

    def pending_counts(self, today: date, site_id: int | None = None) -> tuple[int, int, int, int]:
        return self._parse(self._pending_fields()).counts(today, site_id)

    def page_views(self, page_id: int) -> int:
        counted = PageViewDay.objects.filter(page_id=page_id).aggregate(total=Sum("views"))["total"] or 0
        pending = 0
        if self.reachable():
            try:
                pending = int(self.redis.hget(self.key("pending-pages"), page_id) or 0)
            except REDIS_ERRORS:
                self.unreachable("a page's pending views")
        return counted + pending

    def forget_before(self, day: date) -> None:
        """Secrets and visitor sets expire by themselves in Redis."""


@functools.cache
def get_store() -> DatabaseStore | RedisStore:
    """The store chosen by the settings: Redis when VISITS_REDIS_URL is set, the database otherwise."""
    if settings.VISITS_REDIS_URL:
        # REDIS_TIMEOUT_MS, as for the cache: past it the hit goes to the database.
        return RedisStore(settings.VISITS_REDIS_URL, settings.VISITS_KEY_PREFIX, settings.REDIS_TIMEOUT)
    return DatabaseStore()


@functools.cache
def get_database_store() -> DatabaseStore:
    """The database store: the default one, and where hits go while the counters' Redis is unreachable."""
    store = get_store()
    return store if isinstance(store, DatabaseStore) else DatabaseStore()


# Adding up -------------------------------------------------------------------------------------


def add_daily_visitors(day: date, hashes: set[str], scope: int = 0) -> int:
    """Remember today's new visitor hashes, on a site (`scope`, its id) or in the whole install (0);
    return how many were not seen there earlier that day."""
    known = set()
    hash_list = list(hashes)
    for start in range(0, len(hash_list), 500):
        chunk = hash_list[start : start + 500]
        known.update(
            DailyVisitor.objects.filter(day=day, scope=scope, visitor__in=chunk).values_list(
                "visitor", flat=True
            )
        )
    new = hashes - known
    DailyVisitor.objects.bulk_create(
        [DailyVisitor(day=day, scope=scope, visitor=visitor) for visitor in new], batch_size=500
    )
    return len(new)


def apply_counts(pending: Pending) -> None:
    """Add pending counts to the daily totals, the sites' and the pages' daily views (inside a
    transaction)."""
    for day in set(pending.views) | set(pending.visits):
        VisitDay.objects.get_or_create(day=day)
        VisitDay.objects.filter(day=day).update(
            visits=F("visits") + pending.visits[day], page_views=F("page_views") + pending.views[day]
        )
    from wagtail.models import Page, Site

    site_days = set(pending.site_views) | set(pending.site_visits)
    existing_sites = set(
        Site.objects.filter(pk__in={site_id for site_id, _ in site_days}).values_list("pk", flat=True)
    )
    for site_id, day in site_days:
        if site_id not in existing_sites:  # a site deleted since: the province's figures keep its hits
            continue
        SiteVisitDay.objects.get_or_create(site_id=site_id, day=day)
        SiteVisitDay.objects.filter(site_id=site_id, day=day).update(
            visits=F("visits") + pending.site_visits[site_id, day],
            page_views=F("page_views") + pending.site_views[site_id, day],
        )

    existing_pages = set(
        Page.objects.filter(pk__in={page_id for _, page_id in pending.page_views}).values_list(
            "pk", flat=True
        )
    )
    for (day, page_id), views in pending.page_views.items():
        if page_id not in existing_pages:  # a hit for a page that never existed or was deleted
            continue
        PageViewDay.objects.get_or_create(page_id=page_id, day=day)
        PageViewDay.objects.filter(page_id=page_id, day=day).update(views=F("views") + views)
