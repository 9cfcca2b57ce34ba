"""E-mail to the public (an answer to a citizen's question, an alert a journalist subscribed to).

A request never waits on a mail server: `queue_email` hands the message to the background worker
(django-tasks, backend "background": see TASKS in the settings), which sends it with Django's e-mail
backend (SMTP in production: EMAIL_HOST, EMAIL_PORT, DEFAULT_FROM_EMAIL). Addresses are personal data:
they are never logged here.
"""

import logging

from django.core.mail import EmailMessage
from django_tasks import task

logger = logging.getLogger(__name__)


@task(backend="background")
def send_email(*, to: list[str], subject: str, body: str, headers: dict[str, str] | None = None) -> None:
    """Send one plain-text message (run by the worker), with extra `headers` (List-Unsubscribe…)."""
    EmailMessage(subject=subject, body=body, to=to, headers=headers or None).send()
    logger.info("Sent an e-mail: %s", subject)


def queue_email(*, to: list[str], subject: str, body: str, headers: dict[str, str] | None = None) -> None:
    """Leave a message for the worker to send."""
    if headers:
        send_email.enqueue(to=to, subject=subject, body=body, headers=headers)
    else:
        send_email.enqueue(to=to, subject=subject, body=body)


def forget_sent_emails() -> int:
    """Delete the worker's records of e-mails it has finished with; return how many.

    The database queue keeps each task's arguments (address, subject, body) after running it; for a
    message to a citizen that is personal data with no further use. (RQ forgets finished jobs by itself.)
    """
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends[send_email.backend], DatabaseBackend):
        return 0
    deleted, _ = DBTaskResult.objects.finished().filter(task_path=send_email.module_path).delete()
    return deleted
