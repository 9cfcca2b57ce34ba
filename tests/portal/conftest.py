"""Fixtures of the portal's own tests."""

import pytest

from portal.caching.backends import ResilientRedisCache


@pytest.fixture
def round_trips(monkeypatch):
    """The calls that went to Redis, each a round trip: (method, first argument)."""
    calls = []
    real_call = ResilientRedisCache._call

    def counted(self, method, fallback, *args, **kwargs):
        calls.append((method, args[0] if args else None))
        return real_call(self, method, fallback, *args, **kwargs)

    monkeypatch.setattr(ResilientRedisCache, "_call", counted)
    return calls
