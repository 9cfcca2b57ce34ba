"""`manage.py analyze_database`: refresh the query planner's statistics (after bulk loads, and nightly).

Without statistics SQLite joins Wagtail's full-text index the slow way round: at 10,000 articles a
five-word search took 1.1 s in one statement instead of 8 ms, because the planner looked up the
index entry of every article instead of asking the full-text table first. PostgreSQL's autovacuum
normally keeps its statistics; running ANALYZE there too does no harm after a bulk import.
"""

import time

from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = "Refresh the database's query-planner statistics. Run it after bulk loads and nightly."

    def handle(self, *args, **options):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA analysis_limit=1000")  # approximate, and fast on any size
            cursor.execute("ANALYZE")
        if options["verbosity"]:
            self.stdout.write(f"Statistics refreshed in {time.perf_counter() - started:.1f} s.")
