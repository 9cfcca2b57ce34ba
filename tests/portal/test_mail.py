"""E-mail leaves the request: queued for the background worker, sent by it to a real SMTP server."""

import pytest
from django.core.management import call_command

from portal.mail import queue_email

pytestmark = pytest.mark.django_db(transaction=True)  # the worker commits as it would in production


def test_a_queued_email_is_sent_by_the_worker_not_by_the_request(live_db, smtp_server):
    queue_email(to=["nguoidan@example.vn"], subject="Câu hỏi của bạn đã được trả lời", body="Xin chào.")

    assert smtp_server.inbox.messages == []  # nothing sent while the request runs

    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--queue-name", "default", "--backend", "background"
    )

    [message] = smtp_server.inbox.messages
    assert message["To"] == "nguoidan@example.vn"
    assert message["Subject"].strip() == "Câu hỏi của bạn đã được trả lời"
    assert message.get_content().strip() == "Xin chào."
