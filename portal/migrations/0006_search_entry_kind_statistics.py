"""Statistics on the expression `content_type_id + 0` of Wagtail's search index entries (PostgreSQL 14+).

`portal.search.postgres_index` filters entries by `content_type_id + 0`, so that the planner reads the
GIN index of migration 0003 rather than the content type's own index. Without statistics on that
expression the planner guesses that 0.5 % of the entries are articles, and joins thousands of matches
one by one (20 ms where a hash join takes 8, for a year's filter at 10,000 articles).
"""

from django.db import migrations

STATISTICS = "portal_search_entry_kind"


def create_statistics(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql" and connection.pg_version >= 140000:
        schema_editor.execute(
            f"CREATE STATISTICS IF NOT EXISTS {STATISTICS} ON (content_type_id + 0) FROM wagtailsearch_indexentry"
        )
        schema_editor.execute("ANALYZE wagtailsearch_indexentry")


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {STATISTICS}")


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_visits_per_site")]

    operations = [migrations.RunPython(create_statistics, drop_statistics)]
