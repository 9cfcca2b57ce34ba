"""E-mails to the asker: the question was received (with its tracking code), answered or declined.

They go through `portal.mail.queue_email` once the transaction that changed the question commits, and
the background worker sends them. They name no one: no greeting by name, no copy of the question.
Each is written in the language the asker used on the portal.
"""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from portal.mail import queue_email
from portal.questions import codes


def _queue(question, subject: str, template: str, context: dict) -> None:
    if not question.asker_email:
        return
    address = question.asker_email
    with translation.override(question.language):
        message = {
            "to": [address],
            "subject": gettext(subject),
            "body": render_to_string(template, {"question": question, **context}),
        }
    transaction.on_commit(lambda: queue_email(**message))


def tell_received(question, code: str, lookup_url: str) -> None:
    _queue(
        question,
        gettext_noop("Your question has been received"),
        "questions/email/received.txt",
        {"code": codes.display(code), "lookup_url": lookup_url},
    )


def tell_answered(question, answer_url: str) -> None:
    _queue(
        question,
        gettext_noop("Your question has been answered"),
        "questions/email/answered.txt",
        {"answer_url": answer_url},
    )


def tell_declined(question, lookup_url: str) -> None:
    _queue(
        question,
        gettext_noop("About your question"),
        "questions/email/declined.txt",
        {"lookup_url": lookup_url},
    )
