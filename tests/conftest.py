"""Fixtures shared by the whole suite."""

import os
import uuid

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.cache import cache
from django.core.management.commands import flush as flush_command
from django.db import connection, transaction
from django.utils import translation
from wagtail.models import Locale

from portal.caching.announcements import TOKENS
from portal.caching.pages import WORKER_PAGES
from portal.visits import countable, figures, stores
from portal.visits.stores import RECENT_VIEWS
from tests.factories import (
    NewsCategoryFactory,
    NewsIndexPageFactory,
    SuperuserFactory,
    make_agency_site,
)
from tests.indexes.factories import make_section
from tests.services import redis_is_listening, redis_test_url


def pytest_collection_modifyitems(items):
    """The rendering checks run once, on SQLite: the pages they check are the same bytes on any database.

    What differs between databases (queries, locks, search, counts) has its own tests, which run on both.
    """
    on_sqlite = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    if on_sqlite or os.environ.get("RENDERING_CHECKS_ON_EVERY_DATABASE") == "1":
        return
    skip = pytest.mark.skip(
        reason="a rendering check, run on SQLite (RENDERING_CHECKS_ON_EVERY_DATABASE=1 runs it here too)"
    )
    for item in items:
        if item.get_closest_marker("rendering"):
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def quick_flush():
    """Each transactional test ends with Django's `flush`, which costs more than most such tests.

    - On PostgreSQL it is one TRUNCATE of every table: 1.1 s here for a hundred tables holding a few
      rows, where DELETE takes 20 ms (the foreign keys Django makes are deferred to the commit).
    - Then post_migrate makes the content types and permissions again, under new ids, which `live_db`
      deletes at the next test's start to put the snapshot's back. Skipped: the tables stay empty, and
      every transactional test starts from the snapshot (`transactional_tests_start_migrated`).
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flush_command, "emit_post_migrate_signal", lambda *args, **kwargs: None)
        if connection.vendor == "postgresql":
            truncate = type(connection.ops).sql_flush

            def delete_every_row(self, style, tables, *, reset_sequences=False, allow_cascade=False):
                if reset_sequences or not tables:
                    return truncate(
                        self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
                    )
                return [
                    "SET CONSTRAINTS ALL DEFERRED",
                    *(f"DELETE FROM {self.quote_name(table)}" for table in tables),
                ]

            patch.setattr(type(connection.ops), "sql_flush", delete_every_row)
        yield


@pytest.fixture(autouse=True)
def transactional_tests_start_migrated(request):
    """A transactional test (committed rows, for a live server or another process) starts where a fresh
    installation does, as every other test does, whether it asked for `live_db` or not."""
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("live_db")


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language (Vietnamese): a request through Django's test client
    activates its language in the test's own thread and leaves it there, so after a test that read an
    English page, the next one's `page.url` would be an /en/ address."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as rolled-back rows may reuse cached ids.

    The visit counters' memory of recently counted views (per process, for the database store) and of
    the countable pages (per process, per generation) too, the worker's copies of the visitor boxes and of
    kept pages.
    """
    cache.clear()
    RECENT_VIEWS.clear()
    countable.forget()
    figures.forget_held()
    WORKER_PAGES.clear()
    TOKENS.forget()
    yield
    cache.clear()
    RECENT_VIEWS.clear()
    countable.forget()
    figures.forget_held()
    WORKER_PAGES.clear()
    TOKENS.forget()


@pytest.fixture
def home_page(db):
    """A published home page at the root of the default site, with the agency identity filled in."""
    return make_agency_site()


@pytest.fixture
def news_index(home_page):
    """The news section under the home page."""
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def indexes_page(home_page):
    """The published reform-index section under the home page."""
    return make_section(home_page)


@pytest.fixture
def reform_category(db):
    return NewsCategoryFactory(name="Cải cách hành chính", slug="cai-cach-hanh-chinh")


@pytest.fixture
def events_category(db):
    return NewsCategoryFactory(name="Tin tức - Sự kiện", slug="tin-tuc-su-kien")


@pytest.fixture
def admin_client(client, db):
    """A test client logged in as a superuser (Wagtail admin language: Vietnamese, the default)."""
    client.force_login(SuperuserFactory())
    return client


@pytest.fixture(scope="session")
def migrated_snapshot(django_db_setup) -> str:
    """The freshly migrated database (Wagtail's tree root, locale, default site and groups) as JSON."""
    return django_db_setup


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> str:
    """pytest-django's test database, and its migrated state taken at once, before any test can flush it.

    (Taken lazily, the snapshot would be of an empty database whenever a transactional test ran first.)
    """
    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture
def live_db(migrated_snapshot, transactional_db):
    """A committed database for tests behind a live server, starting from the migrated state.

    Transactional tests empty every table when they end; this puts back what the migrations
    created, so that each such test starts where a fresh installation does.
    """
    if Locale.objects.exists():
        return
    # The flush left every table empty (`quick_flush` skips post_migrate). Read the snapshot first
    # (building some Wagtail models looks content types up and creates them), then replace any content
    # type made meanwhile with the snapshot's, then put the rest back.
    rows = list(serializers.deserialize("json", migrated_snapshot))
    rows.sort(key=lambda row: not isinstance(row.object, ContentType))
    by_model = {}
    for row in rows:
        by_model.setdefault(type(row.object), []).append(row)
    with transaction.atomic(), connection.constraint_checks_disabled():
        ContentType.objects.all().delete()
        # A statement per table, not two per row (the snapshot holds 400 permissions): 0.5 s a test on
        # PostgreSQL otherwise. A model that extends another (a workflow task) is saved row by row.
        for model, model_rows in by_model.items():
            if model._meta.parents:
                for row in model_rows:
                    row.save()
                continue
            model._base_manager.bulk_create([row.object for row in model_rows])
            for row in model_rows:
                for field_name, related_ids in (row.m2m_data or {}).items():
                    getattr(row.object, field_name).set(related_ids)
    connection.check_constraints()
    ContentType.objects.clear_cache()


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on this machine; Django's SMTP backend sends to it. Read `.inbox.messages`."""
    from tests.smtp import SMTPServer

    server = SMTPServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield server
    server.stop()


@pytest.fixture(params=["database", "redis"])
def store(request, settings):
    """Each test twice, with the visitor counters in the database and in a real Redis (db 13, keys under a
    fresh prefix); flushed only when the test says so. Modules with other needs define their own."""
    if request.param == "redis":
        if not redis_is_listening():
            pytest.skip("no Redis server on 127.0.0.1:6379")
        settings.VISITS_REDIS_URL = redis_test_url(2)
        settings.VISITS_KEY_PREFIX = f"test-visits-{uuid.uuid4().hex}"
    settings.VISITS_FLUSH_SECONDS = 3600  # flush only when the test says so
    stores.get_store.cache_clear()
    stores.get_database_store.cache_clear()
    stores.RECENT_VIEWS.clear()
    yield request.param
    stores.get_store.cache_clear()
    stores.get_database_store.cache_clear()
