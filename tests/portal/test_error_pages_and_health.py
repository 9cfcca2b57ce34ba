"""Error pages in Vietnamese and the health check that load balancers call."""

import json

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.processes import run_python


@pytest.mark.django_db
def test_missing_page_gets_the_vietnamese_404_inside_the_site_shell(client, home_page):
    response = client.get("/tin-tuc/khong-co-bai-nay/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Không tìm thấy trang" in html
    assert "Về trang chủ" in html
    assert "204 Hùng Vương, Đông Hà" in html  # the footer is there too


@pytest.mark.django_db
def test_missing_page_in_english_gets_the_english_404(client, home_page):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_server_error_page_renders_without_a_database_or_request_context():
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    html = response.content.decode()
    assert "Hệ thống đang gặp sự cố" in html
    assert '<html lang="vi">' in html


@pytest.mark.django_db
def test_healthz_reports_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "pages": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.slow  # a process of its own
def test_healthz_answers_503_when_the_database_is_down():
    """A real outage: PostgreSQL on a port where nothing listens, in a separate process."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(json.dumps({'status_code': r.status_code, 'body': r.json()}))"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/nowhere",
    }

    result = run_python(script, env)

    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["status_code"] == 503
    assert outcome["body"]["database"] == "unavailable"
