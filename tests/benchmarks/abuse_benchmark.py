"""Measures the doors the security baseline closes, against gunicorn with production settings.

    .venv/bin/python tests/benchmarks/abuse_benchmark.py

It builds the demo site in a throwaway SQLite file (and collects the static files production serves), with Redis (database 14, emptied before and after)
as the cache and the visit counters, the page cache on and one trusted proxy (so each client names its
address in X-Forwarded-For, as behind a load balancer), serves it with gunicorn (2 sync workers) on
127.0.0.1 and, one request at a time:

1. signs in to the admin with 100 wrong passwords from one address, then the right one from that
   address and from another: how many were answered "wrong password" (200), how many refused (429);
2. loads one article's hit image 4,000 times as one visitor (one address, one browser): how many page
   views that adds;
3. loads the home page and an article with 1,000 distinct query strings that neither reads (500 each),
   after a first visit kept each: how many keys that adds to Redis; and whether a link shared with
   tracking parameters (`?utm_source=zalo&zarsrc=30`) is served from the cache.

Exits 1 when a figure is not the one the README promises. Not part of the test suite.
"""

import http.client
import re
import secrets
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import redis

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.servers import (
    PHONE_AGENT,
    manage,
    production_environment,
    run_django,
    start_server,
    stop_server,
)

REDIS_URL = "redis://127.0.0.1:6379/14"
PASSWORD = secrets.token_urlsafe(16)
ATTACKER, OFFICE, READER = "198.51.100.66", "203.0.113.10", "203.0.113.77"


class Browser:
    """One keep-alive connection, with the cookies the server set (as a browser, minus the Secure rule)."""

    def __init__(self, port: int, address: str):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.address = address
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict, str]:
        headers = {"User-Agent": PHONE_AGENT, "X-Forwarded-For": self.address, "Accept-Language": "vi"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=data, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie_name, cookie_value = value.split(";", 1)[0].split("=", 1)
                self.cookies[cookie_name] = cookie_value
        return response.status, {name.lower(): value for name, value in response.getheaders()}, text

    def sign_in(self, username: str, password: str) -> int:
        status, _, page = self.request("GET", "/admin/login/")
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if found is None:
            sys.exit(f"No login form at /admin/login/ ({status}): {page[:300]}")
        token = found.group(1)
        status, _, _ = self.request(
            "POST",
            "/admin/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"},
        )
        return status


def sign_ins(port: int) -> dict:
    attacker = Browser(port, ATTACKER)
    started = time.perf_counter()
    statuses = [attacker.sign_in("admin", f"doan-mo-{number}") for number in range(100)]
    seconds = time.perf_counter() - started
    return {
        "wrong": statuses.count(200),
        "refused": statuses.count(429),
        "seconds": seconds,
        "right_from_attacker": Browser(port, ATTACKER).sign_in("admin", PASSWORD),
        "right_from_office": Browser(port, OFFICE).sign_in("admin", PASSWORD),
    }


def reloads(port: int, env: dict, article_id: int) -> dict:
    reader = Browser(port, READER)
    before = views(env, article_id)
    statuses = {reader.request("GET", f"/api/v1/visits/hit?page={article_id}")[0] for _ in range(4_000)}
    return {"statuses": statuses, "views_added": views(env, article_id) - before}


def views(env: dict, article_id: int) -> int:
    run_django("from portal.visits import counting; counting.flush()", env)
    return int(run_django(f"from portal.visits import figures; print(figures.page_views({article_id}))", env))


def junk_queries(port: int, server: redis.Redis, article_path: str) -> dict:
    visitor = Browser(port, READER)
    for path in ["/", article_path]:
        visitor.request("GET", path)
        visitor.request("GET", path)
    before = server.dbsize()
    statuses = set()
    for number in range(500):
        for path in ["/", article_path]:
            status, _, _ = visitor.request("GET", f"{path}?x{number}=1&trang={number}&q=r%C3%A1c-{number}")
            statuses.add(status)
    shared = visitor.request("GET", f"{article_path}?utm_source=zalo&utm_medium=zalo&zarsrc=30")[1]
    return {
        "statuses": statuses,
        "keys_added": server.dbsize() - before,
        "shared_link": shared.get("x-page-cache", "not kept"),
    }


def main():
    workdir = tempfile.mkdtemp(prefix="abuse-bench-")
    server = redis.Redis.from_url(REDIS_URL)
    server.flushdb()
    env = production_environment(
        f"sqlite:///{workdir}/bench.sqlite3",
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX="abuse-bench",
        VISITS_KEY_PREFIX="abuse-bench:visits",
        PAGE_CACHE_SECONDS="300",
        TRUSTED_PROXY_COUNT="1",
        VISITS_FLUSH_SECONDS="3600",
        DEMO_ADMIN_PASSWORD=PASSWORD,
        STATIC_ROOT=f"{workdir}/static",
    )
    manage(env, "migrate", "-v0")
    manage(env, "load_demo", quiet=True)
    manage(env, "collectstatic", "--no-input", "-v0")
    article_id, article_path = run_django(
        "from news.models import ArticlePage; a = ArticlePage.objects.live().first(); print(a.pk, a.url)", env
    ).split()
    gunicorn, port = start_server(env)
    try:
        login = sign_ins(port)
        reload = reloads(port, env, int(article_id))
        junk = junk_queries(port, server, article_path)
    finally:
        stop_server(gunicorn)
        server.flushdb()

    print("\n| Measure | Result |")
    print("| --- | --- |")
    print(
        f"| 100 wrong passwords for `admin` from one address ({login['seconds']:.1f} s) | "
        f"{login['wrong']} answered “wrong password”, {login['refused']} refused with 429 |"
    )
    print(f"| then the right password from that address | {login['right_from_attacker']} |")
    print(f"| the right password from another address | {login['right_from_office']} (signed in) |")
    print(f"| 4,000 hits on one article from one visitor | {reload['views_added']} page view added |")
    print(
        f"| 1,000 junk query strings on the home page and an article | "
        f"{junk['keys_added']} Redis keys added (answers: {sorted(junk['statuses'])}) |"
    )
    print(
        f"| an article with `?utm_source=zalo&utm_medium=zalo&zarsrc=30` | X-Page-Cache: {junk['shared_link']} |"
    )

    expected = (
        login["wrong"] == 4
        and login["refused"] == 96
        and login["right_from_attacker"] == 429
        and login["right_from_office"] == 302
        and reload["statuses"] == {200}
        and reload["views_added"] == 1
        and junk["statuses"] == {200}
        and junk["keys_added"] == 0
        and junk["shared_link"] == "hit"
    )
    if not expected:
        sys.exit("A figure is not the one the README promises")


if __name__ == "__main__":
    main()
