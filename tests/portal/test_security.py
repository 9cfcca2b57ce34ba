"""Security headers on public pages and in the admin."""

import pytest


@pytest.mark.django_db
def test_public_pages_send_a_strict_content_security_policy(client, home_page):
    response = client.get("/")

    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_the_admin_gets_only_the_relaxations_wagtail_needs(client):
    response = client.get("/admin/login/")

    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'self'" in policy


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/static/css/portal.css", "/static/js/portal.js", "/static/img/emblem.svg"])
def test_static_files_carry_the_public_pages_security_headers(client, home_page, path):
    """WhiteNoise answers static files before the middleware that adds these: it adds them itself."""
    page = client.get("/")
    response = client.get(path)

    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == page.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Permissions-Policy"] == page.headers["Permissions-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/sitemap.xml", "/sitemap-trang.xml", "/tin-tuc/rss/"])
def test_xml_documents_get_a_policy_that_lets_nothing_run(client, news_index, path):
    """Browsers show the sitemap and the feeds in a viewer that styles them inline: only that is allowed."""
    response = client.get(path)

    directives = dict(
        part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";")
    )
    assert response.status_code == 200
    assert directives == {
        "default-src": "'none'",
        "style-src": "'unsafe-inline'",
        "img-src": "data:",
        "frame-ancestors": "'self'",
        "base-uri": "'none'",
        "form-action": "'none'",
    }
