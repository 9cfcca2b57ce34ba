"""Delete alert subscriptions never confirmed within ALERTS_CONFIRM_DAYS, and the worker's sent mails."""

from django.core.management.base import BaseCommand

from indexes.alerts import purge


class Command(BaseCommand):
    help = "Delete unconfirmed e-mail alert subscriptions past ALERTS_CONFIRM_DAYS and sent mails' records."

    def handle(self, *args, **options):
        subscriptions, mails = purge()
        self.stdout.write(
            f"Deleted {subscriptions} unconfirmed subscriptions and {mails} sent mails' records."
        )
