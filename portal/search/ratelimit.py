"""A fixed-window request limit per client, kept in the cache (Redis in production, memory otherwise).

Used by search, where each request costs a full-text query: a script hammering `/tim-kiem/` gets a
429 with a Vietnamese message instead of slowing the portal down for everyone. Clients are told
apart by their address (see `portal.http.client_address`), hashed so no address is stored.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from portal.http import client_address


def over_limit(request, scope: str, *, per_minute: int) -> bool:
    """Count this request against the client's limit for `scope`; True once it is exceeded."""
    if per_minute <= 0:
        return False
    window = int(time.time() // 60)
    client = hashlib.sha256(f"{settings.SECRET_KEY}:{client_address(request)}".encode()).hexdigest()[:24]
    key = f"ratelimit:{scope}:{client}:{window}"
    if cache.add(key, 1, timeout=90):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, timeout=90)
        return False
    return count > per_minute
