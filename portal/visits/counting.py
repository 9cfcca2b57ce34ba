"""Counting a page view: who counts, as whom, and the one cheap write a hit costs.

A page view is recorded by a 1×1 image that every public page embeds (`/api/v1/visits/hit`), so it is
counted even when the page itself comes from a CDN or the page cache, and without JavaScript.

- A visitor is `HMAC(day secret, address + user agent)`, truncated; the day's secret is random, kept
  only for that day (Vietnam time) and then deleted, so hashes of different days cannot be linked and
  nothing stored leads back to an address.
- Only views of live, public pages count (`portal.visits.countable`): not drafts, not pages behind a
  password, login or group restriction, not ids that name no page, not a hit without a page id (every
  page the portal serves names its own), and only a page of the site the hit's host is: each hit is
  counted for its site and for the whole install (the province). A visitor's views of one page within `VISITS_REPEAT_MINUTES`
  (30) count once, so reloading a page does not inflate its views.
- Recording a hit is one cheap write to a store (`portal.visits.stores`); when the counters' Redis is
  unreachable the hit goes to the database, and when the database fails too the hit is dropped and
  counted in the log: the hit endpoint always answers its image. `flush()` adds the pending hits to
  the daily totals; `manage.py flush_visits` runs it, and the hit view also runs it, after answering,
  once a minute.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import time
from datetime import date, datetime
from functools import lru_cache

from django.conf import settings
from django.db import DatabaseError, connection
from django.http.request import split_domain_port
from django.utils import timezone

from portal.caching.generation import CACHE_ERRORS
from portal.http import client_address
from portal.models import DailyVisitor
from portal.visits import countable
from portal.visits.stores import REDIS_ERRORS, RedisStore, get_database_store, get_store

logger = logging.getLogger(__name__)

HASH_LENGTH = 32
HIT_PATH = "/api/v1/visits/hit"
# A transparent 1×1 GIF: the smallest image a browser will fetch.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")

# Who counts ------------------------------------------------------------------------------------


def local_day(moment: datetime) -> date:
    """The calendar day in the portal's time zone (Vietnam): days, and secrets, end at its midnight."""
    return timezone.localtime(moment).date()


@lru_cache(maxsize=4096)
def is_bot(user_agent: str) -> bool:
    """Search engines, crawlers and scripts, by CrawlerDetect's maintained list (and empty agents)."""
    if not user_agent.strip():
        return True
    from crawlerdetect import CrawlerDetect

    return CrawlerDetect(user_agent=user_agent).isCrawler()


def should_count(request) -> bool:
    """A real person's page view: not a bot, not a browser's speculative prefetch, not an admin preview."""
    if getattr(request, "is_preview", False):
        return False
    purpose = request.META.get("HTTP_SEC_PURPOSE", "") or request.META.get("HTTP_PURPOSE", "")
    if "prefetch" in purpose.lower():
        return False
    return not is_bot(request.META.get("HTTP_USER_AGENT", ""))


def visitor_hash(secret: str, address: str, user_agent: str) -> str:
    return hmac.new(secret.encode(), f"{address}\n{user_agent}".encode(), hashlib.sha256).hexdigest()[
        :HASH_LENGTH
    ]


# What the rest of the portal calls -------------------------------------------------------------


def parse_page_parameter(raw: str) -> int | None:
    """The `page` parameter of a hit: empty, or a page id in ASCII digits; anything else raises ValueError.

    `str.isdigit` alone would take full-width and other scripts' digits ("０５", "٥") for a number.
    """
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 12):
        raise ValueError("The page parameter must be a page number.")
    return int(raw)


def hit_site(meta) -> int | None:
    """The site a hit came to, from its host as Django and Wagtail read it (`Site.find_for_request`)."""
    if settings.USE_X_FORWARDED_HOST and meta.get("HTTP_X_FORWARDED_HOST"):
        host = meta["HTTP_X_FORWARDED_HOST"]
    else:
        host = meta.get("HTTP_HOST") or meta.get("SERVER_NAME", "")
    if settings.USE_X_FORWARDED_PORT and meta.get("HTTP_X_FORWARDED_PORT"):
        port_text = meta["HTTP_X_FORWARDED_PORT"]
    else:
        port_text = str(meta.get("SERVER_PORT", ""))
    port = int(port_text) if port_text.isascii() and port_text.isdigit() and len(port_text) <= 5 else 0
    return countable.site_for_host(split_domain_port(host)[0], port)


# Hits lost because neither the counters' Redis nor the database could take them, in this process.
dropped_hits = 0


def record_hit(request, page_id: int | None, now: datetime | None = None) -> bool:
    """Count one page view if it comes from a person and may count; return whether it was counted.

    Never raises for an unreachable store: Redis failing sends the hit to the database, the database
    failing drops it (logged, with the number dropped so far).
    """
    global dropped_hits
    if page_id is None or not should_count(request):
        return False
    try:
        site_id = hit_site(request.META)
        if not countable.is_countable(page_id, site_id):
            return False
        now = now or timezone.now()
        day = local_day(now)
        address, agent = client_address(request), request.META.get("HTTP_USER_AGENT", "")
        store = get_store()
        if isinstance(store, RedisStore):
            if store.reachable():
                try:
                    visitor = visitor_hash(store.secret_for(day), address, agent)
                    return store.record(day=day, page_id=page_id, site_id=site_id, visitor=visitor, now=now)
                except REDIS_ERRORS:
                    store.unreachable("recording a hit; it goes to the database")
            secret = store.known_secret(day) or get_database_store().secret_for(day)
        else:
            secret = store.secret_for(day)
        visitor = visitor_hash(secret, address, agent)
        return get_database_store().record(
            day=day, page_id=page_id, site_id=site_id, visitor=visitor, now=now
        )
    except DatabaseError:
        connection.close()  # the next hit reconnects
        dropped_hits += 1
        logger.error("Hit dropped: the database is unreachable too (%d dropped so far)", dropped_hits)
        return False


_next_flush_check = 0.0


def flush_is_due() -> bool:
    """True for one caller every VISITS_FLUSH_SECONDS, across processes when the cache is shared.

    Each process asks the shared cache at most once per period, so a hit does not pay for it.
    """
    global _next_flush_check
    now = time.monotonic()
    if now < _next_flush_check:
        return False
    _next_flush_check = now + settings.VISITS_FLUSH_SECONDS
    from django.core.cache import cache

    try:
        return cache.add("visits:flush-due", True, settings.VISITS_FLUSH_SECONDS)
    except CACHE_ERRORS:
        return False  # the cron job flushes meanwhile


def flush(now: datetime | None = None) -> int:
    """Add pending hits to the totals, and forget earlier days' secrets and visitors; return hits added."""
    now = now or timezone.now()
    store = get_store()
    added = 0
    if store is not get_database_store():
        # Hits recorded in the database while the counters' Redis was unreachable.
        added += get_database_store().flush(now)
        get_database_store().forget_before(local_day(now))
        try:
            added += store.flush(now)
        except REDIS_ERRORS:
            store.unreachable("flushing; its pending counts wait there for the next flush")
    else:
        added += store.flush(now)
    today = local_day(now)
    store.forget_before(today)
    DailyVisitor.objects.filter(day__lt=today).delete()
    return added


def flush_quietly() -> None:
    """`flush()` after a hit's answer was sent: a failure is logged, the next flush catches up."""
    try:
        flush()
    except (DatabaseError, *REDIS_ERRORS):
        logger.warning("Flushing the visit counters failed; the next flush adds these hits", exc_info=True)
