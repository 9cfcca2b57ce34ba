"""A fixed-window request limit per client, kept in the cache (Redis in production, memory otherwise).

Used where each request costs something or invites abuse: search (a full-text query each), the
question form and the tracking-code look-up. A script hammering them gets a 429 with a Vietnamese
message instead of slowing the portal down for everyone or guessing codes. Clients are told apart by
their address (see `portal.http.client_address`), hashed so no address is stored.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from portal.http import client_address


def over_limit(request, scope: str, *, per_minute: int = 0, per_hour: int = 0) -> bool:
    """Count this request against the client's limits for `scope`; True once one is exceeded.

    A limit of 0 is no limit. With both, the request counts in both windows.
    """
    client = hashlib.sha256(f"{settings.SECRET_KEY}:{client_address(request)}".encode()).hexdigest()[:24]
    now = time.time()
    exceeded = False
    for limit, seconds in ((per_minute, 60), (per_hour, 3600)):
        if (
            limit > 0
            and _count(f"ratelimit:{scope}:{seconds}:{client}:{int(now // seconds)}", seconds) > limit
        ):
            exceeded = True
    return exceeded


def _count(key: str, seconds: int) -> int:
    """This window's count, this request included."""
    if cache.add(key, 1, timeout=seconds + 30):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, timeout=seconds + 30)
        return 1
