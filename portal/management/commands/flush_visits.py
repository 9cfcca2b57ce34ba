"""`manage.py flush_visits`: add the pending page views to the visitor statistics."""

from django.core.management.base import BaseCommand

from portal.visits import counting


class Command(BaseCommand):
    help = "Add pending hits to the visitor totals and forget earlier days' secrets. Run it every minute."

    def handle(self, *args, **options):
        added = counting.flush()
        self.stdout.write(f"Added {added} page views to the totals.")
