"""`manage.py purge_questions [--days N]`: erase askers' personal data from closed questions (run daily)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.questions.privacy import erase_personal_data


class Command(BaseCommand):
    help = (
        "Erase the name, contact details and text that askers sent, on questions answered or declined "
        "more than QUESTIONS_PURGE_DAYS days ago, and the records of e-mails already sent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Days after closing (default: QUESTIONS_PURGE_DAYS, now {settings.QUESTIONS_PURGE_DAYS}).",
        )

    def handle(self, *args, days=None, **options):
        if days is not None and days < 0:
            raise CommandError("--days cannot be negative.")
        questions, emails = erase_personal_data(days)
        if options["verbosity"]:
            self.stdout.write(
                f"Erased personal data from {questions} question(s); forgot {emails} sent e-mail(s)."
            )
