"""Each worker's copy of the generation tokens, kept exact by purges announced over Redis pub/sub
(portal/caching/announcements.py): a purge in another process is heard before the next request uses
the copy; a copy that cannot be vouched for is not used."""

import os
import subprocess
import sys
import time

import pytest
import redis
from django.conf import settings as django_settings

from portal.caching.announcements import TOKENS
from portal.caching.generation import GENERATION_KEY, fetch_tokens, install_generation, purge
from tests.portal.test_kept_locally import REDIS_TEST_URL, production_caches
from tests.services import redis_is_listening

pytestmark = pytest.mark.skipif(not redis_is_listening(), reason="needs the Redis server on 127.0.0.1:6379")

PURGE_ELSEWHERE = """
import django
django.setup()
from portal.caching.generation import purge
purge()
"""


@pytest.fixture
def redis_cache(settings):
    server = redis.Redis.from_url(REDIS_TEST_URL)
    server.flushdb()
    settings.CACHES = production_caches()
    TOKENS.forget()
    yield server
    TOKENS.forget()
    server.flushdb()


def wait_for_announcement():
    time.sleep(0.2)  # an announcement crosses the loopback in microseconds; leave it ample time


def test_tokens_read_once_are_used_again_without_a_round_trip(redis_cache, round_trips):
    install_generation()  # made on first use (and that announced)
    install_generation()  # read from the cache, which answers: this process listens from now on
    first = install_generation()  # read again, and kept
    round_trips.clear()

    assert install_generation() == first
    assert round_trips == []


def test_a_purge_in_another_process_is_heard_before_the_copy_is_used_again(redis_cache):
    before = install_generation()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "REDIS_URL": REDIS_TEST_URL,
        "CACHE_KEY_PREFIX": django_settings.CACHES["default"]["KEY_PREFIX"],
    }
    subprocess.run(
        [sys.executable, "-c", PURGE_ELSEWHERE],
        cwd=django_settings.BASE_DIR,
        env=environment,
        check=True,
        timeout=120,
    )
    wait_for_announcement()

    after = install_generation()
    assert after != before
    assert after == fetch_tokens([GENERATION_KEY])[GENERATION_KEY]


def test_a_purge_in_this_process_is_seen_at_once(redis_cache):
    before = install_generation()
    purge()

    assert install_generation() != before


def test_tokens_read_while_a_purge_was_announced_are_not_kept(redis_cache, round_trips):
    install_generation()
    TOKENS.forget()
    epoch = TOKENS.current_epoch()
    stale = fetch_tokens([GENERATION_KEY])
    # Another process purges between this read and its keeping.
    redis_cache_client = redis.Redis.from_url(REDIS_TEST_URL)
    redis_cache_client.publish(django_settings_channel(), "purge")
    wait_for_announcement()

    TOKENS.remember(stale, epoch)

    assert TOKENS.held([GENERATION_KEY]) is None


def test_a_lost_subscription_falls_back_to_reading_the_cache(redis_cache, round_trips):
    for _ in range(3):
        install_generation()
    TOKENS.pubsub.connection.disconnect()  # the connection drops, as when Redis restarts
    round_trips.clear()

    install_generation()

    assert round_trips  # read from the cache, not from a copy nobody vouches for any more


def django_settings_channel() -> str:
    from portal.caching.announcements import channel

    return channel()
