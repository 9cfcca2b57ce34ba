"""Wagtail's rendition cache on Redis (portal/caching/renditions.py): a rendition read from the cache
is not written back on every render, and one made or read from the database still is stored."""

import pytest
import redis
from django.template import engines
from wagtail.images.models import Rendition

from tests.factories import ImageFactory
from tests.services import redis_is_listening, redis_test_prefix, redis_test_url

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not redis_is_listening(), reason="needs the Redis server on 127.0.0.1:6379"),
]

REDIS_TEST_URL = redis_test_url()
PICTURE = engines["django"].from_string(
    "{% load wagtailimages_tags %}"
    "{% picture image format-{webp,jpeg} width-{480,800} sizes='100vw' alt='Hội nghị' %}"
)
SHARE_IMAGE = engines["django"].from_string(
    "{% load wagtailimages_tags %}{% image image fill-1200x630 format-jpeg as og %}{{ og.url }}"
)


@pytest.fixture
def rendition_cache(settings):
    server = redis.Redis.from_url(REDIS_TEST_URL)
    server.flushdb()
    default = {
        "BACKEND": "portal.caching.backends.ResilientRedisCache",
        "LOCATION": REDIS_TEST_URL,
        "KEY_PREFIX": redis_test_prefix("test-renditions"),
    }
    settings.CACHES = {
        "default": default,
        "renditions": {**default, "BACKEND": "portal.caching.renditions.RenditionCache", "TIMEOUT": 600},
    }
    yield server
    server.flushdb()


def rendition_keys(server) -> list[bytes]:
    return sorted(server.scan_iter(match="*wagtail-rendition-*"))


def test_renditions_read_from_the_cache_are_not_written_again(rendition_cache, round_trips):
    image = ImageFactory()
    first = PICTURE.render({"image": image})
    assert ".webp 480w" in first and ".jpg 800w" in first
    # Made (files written by Pillow), then stored for the next render.
    assert len(rendition_keys(rendition_cache)) == 4
    assert 0 < rendition_cache.ttl(rendition_keys(rendition_cache)[0]) <= 600

    round_trips.clear()
    again = PICTURE.render({"image": type(image).objects.get(pk=image.pk)})

    assert again == first
    assert [method for method, _ in round_trips] == ["get_many"], round_trips


def test_a_rendition_missing_from_the_cache_is_read_from_the_database_and_stored(
    rendition_cache, round_trips
):
    image = ImageFactory()
    first = PICTURE.render({"image": image})
    forgotten = rendition_keys(rendition_cache)[0]
    rendition_cache.delete(forgotten)
    round_trips.clear()

    again = PICTURE.render({"image": type(image).objects.get(pk=image.pk)})

    assert again == first
    assert [method for method, _ in round_trips] == ["get_many", "set_many"]
    assert forgotten in rendition_keys(rendition_cache)
    assert Rendition.objects.filter(image=image).count() == 4


def test_a_single_rendition_read_from_the_cache_is_not_written_again(rendition_cache, round_trips):
    image = ImageFactory()
    first = SHARE_IMAGE.render({"image": image})
    assert first.endswith(".jpg") and len(rendition_keys(rendition_cache)) == 1
    round_trips.clear()

    again = SHARE_IMAGE.render({"image": type(image).objects.get(pk=image.pk)})

    assert again == first
    assert [method for method, _ in round_trips] == ["get_many"], round_trips
