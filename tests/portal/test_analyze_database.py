"""`analyze_database` gives the query planner statistics, which SQLite's full-text joins depend on."""

import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import publish_article


@pytest.mark.django_db
def test_the_planner_gets_statistics_for_the_search_index(news_index, capsys):
    publish_article(news_index, title="Tập huấn dịch vụ công trực tuyến")

    call_command("analyze_database")

    assert "Statistics refreshed" in capsys.readouterr().out
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'wagtailsearch_indexentry'")
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'wagtailsearch_indexentry'")
        assert cursor.fetchone()[0] > 0
