"""`manage.py generate_figures`: synthetic agencies, editions and service counts for load tests."""

from django.core.management.base import BaseCommand, CommandError

from indexes.models import IndexesPage
from indexes.synthetic import generate_figures


class Command(BaseCommand):
    help = "Bring the demo figures up to N agencies ranked over M published editions, with service counts."

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=int, default=20)
        parser.add_argument("--editions", type=int, default=5)
        parser.add_argument("--seed", type=int, default=2024, help="Random seed, for repeatable figures.")

    def handle(self, *args, agencies, editions, seed, **options):
        if agencies < 1 or editions < 1:
            raise CommandError("--agencies and --editions must be positive numbers.")
        if not IndexesPage.objects.exists():
            raise CommandError("There is no reform-index section yet: run `manage.py load_demo` first.")
        made = generate_figures(agencies=agencies, editions=editions, seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"{made['agencies']} agencies; added {made['editions_added']} editions "
                f"and {made['service_counts_added']} service counts."
            )
        )
