"""`manage.py generate_articles N`: publish N synthetic articles for load tests."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from news.models import NewsIndexPage
from news.synthetic import generate_articles


class Command(BaseCommand):
    help = "Publish N synthetic articles (with tags, categories and images) under the news section."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many articles to create.")
        parser.add_argument("--seed", type=int, default=2024, help="Random seed, for repeatable content.")

    def handle(self, *args, count, seed, **options):
        if count < 1:
            raise CommandError("N must be a positive number of articles.")
        if not NewsIndexPage.objects.exists():
            raise CommandError("There is no news section yet: run `manage.py load_demo` first.")
        started = time.perf_counter()
        created = generate_articles(count=count, seed=seed)
        seconds = time.perf_counter() - started
        call_command("analyze_database", verbosity=0)  # the planner must know the tables grew
        self.stdout.write(
            self.style.SUCCESS(f"Created {created} articles in {seconds:.1f} s ({created / seconds:.0f}/s).")
        )
        self.stdout.write("Run `manage.py update_index` to make them searchable.")
