"""Settings come from the environment; production refuses to start insecurely.

Most cases read the settings modules afresh in this process (tests/processes.py: fresh_settings); the
deployment checklist and the Redis cache run in a process of their own.
"""

import os
import re
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from portal.settings.environment import env_bool
from tests.processes import fresh_settings, run_manage, run_python
from tests.services import redis_is_listening, redis_test_url

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "k3J9-production-like-secret-for-tests-only-xQ7vN2pL8mR4tY6wZ0aB5cD1eF3",
    "ALLOWED_HOSTS": "portal.example.gov.vn",
    "DATABASE_URL": "sqlite:///:memory:",
}


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}

    with pytest.raises(
        ImproperlyConfigured,
        match=re.escape(f"The environment variable {missing} is required in production."),
    ):
        fresh_settings("production", env)


def test_production_refuses_a_page_cache_each_worker_would_keep_apart():
    with pytest.raises(ImproperlyConfigured, match="PAGE_CACHE_SECONDS needs REDIS_URL in production"):
        fresh_settings("production", {**PRODUCTION_ENV, "PAGE_CACHE_SECONDS": "300"})


@pytest.mark.slow  # a process of its own
def test_production_settings_pass_the_deployment_checklist_without_warnings():
    """In a process of its own: Django starts with the production settings and its checks run."""
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_sends_hsts_and_secure_cookies():
    production = fresh_settings("production", PRODUCTION_ENV)

    assert (
        production.SECURE_HSTS_SECONDS,
        production.SESSION_COOKIE_SECURE,
        production.CSRF_COOKIE_SECURE,
        production.SECURE_SSL_REDIRECT,
    ) == (31_536_000, True, True, True)


def test_search_url_selects_the_external_search_backend():
    def backend(**env) -> dict:
        return fresh_settings("dev", env).WAGTAILSEARCH_BACKENDS["default"]

    elastic = backend(SEARCH_URL="http://es:9200")
    opensearch = backend(SEARCH_URL="http://os:9200", SEARCH_BACKEND="opensearch")
    default = backend()

    assert (elastic["BACKEND"], elastic["URLS"]) == (
        "wagtail.search.backends.elasticsearch9",
        ["http://es:9200"],
    )
    assert (opensearch["BACKEND"], opensearch["URLS"]) == (
        "wagtail.search.backends.opensearch3",
        ["http://os:9200"],
    )
    assert default["BACKEND"] == "wagtail.search.backends.database"


def test_reading_settings_afresh_leaves_this_process_settings_alone():
    from portal.settings import base

    fresh_settings("production", PRODUCTION_ENV)

    from portal.settings import base as base_again

    assert base_again is base is sys.modules["portal.settings.base"]
    assert "portal.settings.production" not in sys.modules
    assert settings.SECURE_SSL_REDIRECT is False


@pytest.mark.slow  # a process of its own
@pytest.mark.skipif(not redis_is_listening(), reason="no Redis server on 127.0.0.1:6379")
def test_redis_url_puts_the_cache_in_redis():
    code = (
        "import django; django.setup(); from django.core.cache import caches; cache = caches['default'];"
        "cache.set('portal-settings-test', 'đã lưu', 30);"
        f"import redis; r = redis.Redis.from_url('{redis_test_url(4)}');"
        "keys = r.keys('*portal-settings-test*');"
        "print(type(cache).__name__, cache.get('portal-settings-test'), len(keys));"
        "cache.delete('portal-settings-test')"
    )

    result = run_python(
        code, {"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "REDIS_URL": redis_test_url(4)}
    )

    assert result.stdout.split() == ["ResilientRedisCache", "đã", "lưu", "1"], result.stderr


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("on", True), ("false", False), ("", False)])
def test_boolean_variables_read_the_usual_words(monkeypatch, raw, expected):
    monkeypatch.setenv("PORTAL_FLAG", raw)
    assert env_bool("PORTAL_FLAG") is expected


def test_a_boolean_variable_that_is_neither_yes_nor_no_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("PORTAL_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="PORTAL_FLAG must be one of"):
        env_bool("PORTAL_FLAG")


def test_the_tests_media_go_to_a_folder_of_their_own_that_the_processes_they_start_share():
    from portal.settings.base import BASE_DIR

    assert settings.MEDIA_ROOT.is_dir()
    assert not settings.MEDIA_ROOT.is_relative_to(BASE_DIR / "media")  # never the site's own media
    assert os.environ["TEST_MEDIA_ROOT"] == str(settings.MEDIA_ROOT)  # what run_python passes on
    assert fresh_settings("test", {}).MEDIA_ROOT == settings.MEDIA_ROOT
