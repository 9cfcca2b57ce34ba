"""`manage.py generate_documents N`: publish N synthetic legal documents for load tests."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from portal.legal.models import LegalLibraryPage
from portal.legal.synthetic import generate_documents


class Command(BaseCommand):
    help = "Publish N synthetic legal documents (with files, statuses and relations) in the library."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many documents to create.")
        parser.add_argument("--seed", type=int, default=2024, help="Random seed, for repeatable content.")

    def handle(self, *args, count, seed, **options):
        if count < 1:
            raise CommandError("N must be a positive number of documents.")
        if not LegalLibraryPage.objects.exists():
            raise CommandError("There is no document library yet: run `manage.py load_demo` first.")
        started = time.perf_counter()
        created = generate_documents(count=count, seed=seed)
        seconds = time.perf_counter() - started
        call_command("analyze_database", verbosity=0)  # the planner must know the tables grew
        self.stdout.write(
            self.style.SUCCESS(f"Created {created} documents in {seconds:.1f} s ({created / seconds:.0f}/s).")
        )
        self.stdout.write("Run `manage.py update_index` to make them searchable.")
