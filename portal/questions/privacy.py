"""Erasing the askers' personal data once their questions have been closed long enough.

`manage.py purge_questions` (run it daily) blanks the name, e-mail, phone and what was sent (subject
and text) of every question answered or declined more than QUESTIONS_PURGE_DAYS days ago, with the
digests that tied a form to its content, and deletes the worker's records of e-mails already sent.
What stays: the status, the tracking code's digest (the look-up still answers), and what a moderator
wrote for publication. The search index never held personal data: it indexes answered questions'
published text only.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.mail import forget_sent_emails
from portal.questions.models import CLOSED_STATUSES, Question


@transaction.atomic
def erase_personal_data(days: int | None = None) -> tuple[int, int]:
    """Erase what askers sent on questions closed more than `days` ago: (questions, e-mail records)."""
    days = settings.QUESTIONS_PURGE_DAYS if days is None else days
    now = timezone.now()
    erased = Question.objects.filter(
        status__in=CLOSED_STATUSES,
        closed_at__lte=now - timedelta(days=days),
        personal_data_erased_at__isnull=True,
    ).update(
        asker_name="",
        asker_email="",
        asker_phone="",
        subject="",
        text="",
        submission_digest=None,
        content_digest="",
        personal_data_erased_at=now,
    )
    return erased, forget_sent_emails()
