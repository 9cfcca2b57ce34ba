"""Settings come from the environment; production refuses to start insecurely."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings.environment import env_bool
from tests.processes import run_manage, run_python
from tests.services import redis_is_listening

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "k3J9-production-like-secret-for-tests-only-xQ7vN2pL8mR4tY6wZ0aB5cD1eF3",
    "ALLOWED_HOSTS": "portal.example.gov.vn",
    "DATABASE_URL": "sqlite:///:memory:",
}


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}

    result = run_python("import django; django.setup()", env)

    assert result.returncode != 0
    assert f"The environment variable {missing} is required in production." in result.stderr


def test_production_refuses_a_page_cache_each_worker_would_keep_apart():
    result = run_python("import django; django.setup()", {**PRODUCTION_ENV, "PAGE_CACHE_SECONDS": "300"})

    assert result.returncode != 0
    assert "PAGE_CACHE_SECONDS needs REDIS_URL in production" in result.stderr


def test_production_settings_pass_the_deployment_checklist_without_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_sends_hsts_and_secure_cookies():
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    )

    result = run_python(code, PRODUCTION_ENV)

    assert result.stdout.split() == ["31536000", "True", "True", "True"], result.stderr


def test_search_url_selects_the_external_search_backend():
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "b = s.WAGTAILSEARCH_BACKENDS['default']; print(b['BACKEND'], b['URLS'][0])"
    )

    elastic = run_python(
        code, {"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "SEARCH_URL": "http://es:9200"}
    )
    opensearch = run_python(
        code,
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "SEARCH_URL": "http://os:9200",
            "SEARCH_BACKEND": "opensearch",
        },
    )
    default = run_python(
        code.replace(", b['URLS'][0]", ""), {"DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    )

    assert elastic.stdout.split() == ["wagtail.search.backends.elasticsearch9", "http://es:9200"], (
        elastic.stderr
    )
    assert opensearch.stdout.split() == ["wagtail.search.backends.opensearch3", "http://os:9200"]
    assert default.stdout.split() == ["wagtail.search.backends.database"]


@pytest.mark.skipif(not redis_is_listening(), reason="no Redis server on 127.0.0.1:6379")
def test_redis_url_puts_the_cache_in_redis():
    code = (
        "import django; django.setup(); from django.core.cache import caches; cache = caches['default'];"
        "cache.set('portal-settings-test', 'đã lưu', 30);"
        "import redis; r = redis.Redis.from_url('redis://127.0.0.1:6379/15');"
        "keys = r.keys('*portal-settings-test*');"
        "print(type(cache).__name__, cache.get('portal-settings-test'), len(keys));"
        "cache.delete('portal-settings-test')"
    )

    result = run_python(
        code, {"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "REDIS_URL": "redis://127.0.0.1:6379/15"}
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
