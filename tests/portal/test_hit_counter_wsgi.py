"""The hit endpoint as gunicorn serves it: portal.wsgi answers it before Django's middleware."""

from io import BytesIO
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from portal.visits import counting, figures
from portal.wsgi import application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_the_test_transaction_open():
    """As Django's test client does: a real WSGI request would close the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


AGENT = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"
)


def call(path, query="", agent=AGENT):
    environ = {
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_USER_AGENT": agent,
        "REMOTE_ADDR": "203.0.113.5",
    }
    setup_testing_defaults(environ)
    environ["wsgi.input"] = BytesIO()
    environ["SERVER_NAME"] = "testserver"
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, dict(headers)

    body = application(environ, start_response)
    content = b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return captured["status"], captured["headers"], content


def test_a_hit_through_wsgi_is_counted_and_answered_with_the_pixel(home_page):
    status, headers, content = call("/api/v1/visits/hit", f"page={home_page.pk}")

    assert status == "200 OK"
    assert headers["Content-Type"] == "image/gif"
    assert headers["Cache-Control"] == "no-store, private"
    assert "Set-Cookie" not in headers
    assert content == counting.PIXEL
    assert figures.summary().total_page_views == 1


def test_a_bad_page_parameter_through_wsgi_is_a_400(home_page):
    status, _, content = call("/api/v1/visits/hit", "page=%27%20OR%201%3D1")

    assert status.startswith("400")
    assert b"page number" in content
    assert figures.summary().total_page_views == 0


def test_bots_through_wsgi_get_the_pixel_and_are_not_counted(home_page):
    status, _, _ = call("/api/v1/visits/hit", f"page={home_page.pk}", agent="Googlebot/2.1")

    assert status == "200 OK"
    assert figures.summary().total_page_views == 0


def test_every_other_request_goes_to_django(home_page):
    status, headers, content = call("/")

    assert status == "200 OK"
    assert "Content-Security-Policy" in headers
    assert '<html lang="vi">' in content.decode()
