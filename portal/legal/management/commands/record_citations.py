"""`manage.py record_citations`: record again which legal documents published news and figures cite."""

from django.core.management.base import BaseCommand

from portal.legal.citations import record_all


class Command(BaseCommand):
    help = (
        "Read every published article and edition again and record the legal documents they cite. "
        "Publishing does this by itself; run it once after upgrading to the library, or after a bulk import."
    )

    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS(f"Recorded {record_all()} citations."))
