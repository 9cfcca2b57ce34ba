"""Benchmark of the visitor counting: what it adds to a page view, and hits per second under load.

    .venv/bin/python tests/benchmarks/visits_benchmark.py                  # SQLite, database store
    .venv/bin/python tests/benchmarks/visits_benchmark.py --redis          # Redis store
    .venv/bin/python tests/benchmarks/visits_benchmark.py --database-url postgres://postgres@127.0.0.1:5432/portal_bench

1. The cost of counting: `record_hit()` timed in-process, median and p95 over 5,000 hits on a live page,
   each from another visitor (so each is counted: the check that the page may count, the visitor's
   hash, the write), and over 5,000 reloads by one visitor (repeats, not counted).
2. Throughput: gunicorn (2 workers, production settings, DEBUG off, one trusted proxy) on 127.0.0.1
   serves the hit endpoint to `wrk` (50 connections, 10 s), each request from another address
   (X-Forwarded-For, written by a Lua script); afterwards the counted page views must match the
   requests wrk completed (plus at most the one per connection still in flight when wrk stopped).
3. Reloads: the same for 10 s from one address and browser; they must add exactly one page view on
   Redis, and at most one per worker process on the database store (which remembers repeats per process).
Only loopback is used. Prints a markdown table; not part of the test suite.
"""

import argparse
import secrets
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.servers import (
    BASE_DIR,
    PHONE_AGENT,
    WORKERS,
    postgres_connection,
    production_environment,
    run_django,
    run_wrk,
    start_server,
    stop_server,
)

AGENT = PHONE_AGENT


# Each request from another address, as a proxy would say it (the server trusts one proxy).
DISTINCT_ADDRESSES = textwrap.dedent("""
    local threads = 0
    function setup(thread)
      thread:set("id", threads)
      threads = threads + 1
    end
    local counter = 0
    function request()
      counter = counter + 1
      local address = string.format("10.%d.%d.%d", id, math.floor(counter / 256) % 256, counter % 256)
      local headers = {}
      for name, value in pairs(wrk.headers) do headers[name] = value end
      headers["X-Forwarded-For"] = address
      return wrk.format(nil, nil, headers)
    end
""")


def environment(database_url: str, redis_url: str) -> dict:
    overrides = {
        "VISITS_KEY_PREFIX": f"bench-{secrets.token_hex(4)}",
        "VISITS_FLUSH_SECONDS": "3600",
        "TRUSTED_PROXY_COUNT": "1",
    }
    if redis_url:
        overrides["REDIS_URL"] = redis_url
    return production_environment(database_url, **overrides)


def make_page(env: dict) -> int:
    """A live page at the top of the tree: its views count."""
    code = """
from wagtail.models import Page
root = Page.get_first_root_node()
page = root.get_children().filter(slug="bench").first() or root.add_child(instance=Page(title="Bench", slug="bench"))
print(page.pk)
"""
    return int(run_django(code, env))


def measure_record_cost(env: dict, page_id: int, hits: int = 5000) -> tuple[float, float, float]:
    code = f"""
import time, statistics
from django.test import RequestFactory
from portal.visits import counting
factory = RequestFactory()
def timed(address_of):
    durations = []
    for n in range({hits}):
        request = factory.get("/api/v1/visits/hit?page={page_id}", REMOTE_ADDR=address_of(n), HTTP_USER_AGENT={AGENT!r})
        start = time.perf_counter()
        counting.record_hit(request, {page_id})
        durations.append(time.perf_counter() - start)
    durations.sort()
    return statistics.median(durations) * 1000, durations[int(len(durations) * 0.95)] * 1000
counted = timed(lambda n: f"172.16.{{n // 250}}.{{n % 250}}")  # not wrk's 10.x addresses below
repeats = timed(lambda n: "172.17.0.1")
print(*counted, repeats[0])
counting.flush()
"""
    median, p95, repeat_median = run_django(code, env).split()
    return float(median), float(p95), float(repeat_median)


def page_views(env: dict) -> int:
    run_django("from portal.visits import counting; counting.flush()", env)
    return int(
        run_django("from portal.visits import figures; print(figures.summary().total_page_views)", env)
    )


def measure_throughput(env: dict, page_id: int, seconds: int = 10) -> tuple[float, float, int, int, int, int]:
    """(hits/s, p99, requests, counted) with an address per request, then (requests, counted) for reloads."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(DISTINCT_ADDRESSES)
        script.flush()
        server, port = start_server(env)
        try:
            before = page_views(env)
            url = f"http://127.0.0.1:{port}/api/v1/visits/hit?page={page_id}"
            load = run_wrk(url, seconds=seconds, connections=50, script=script.name)
            middle = page_views(env)
            reloads = run_wrk(url, seconds=seconds, connections=50)
        finally:
            stop_server(server)
    after = page_views(env)
    return (
        load.requests_per_second,
        load.p99_ms,
        load.requests,
        middle - before,
        reloads.requests,
        after - middle,
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="")
    parser.add_argument("--redis", action="store_true", help="count in Redis (redis://127.0.0.1:6379/12)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    workdir = tempfile.mkdtemp(prefix="visits-bench-")
    database_url = args.database_url or f"sqlite:///{workdir}/bench.sqlite3"
    if database_url.startswith("postg"):
        server_url, name = database_url.rsplit("/", 1)
        with postgres_connection(server_url) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
    env = environment(database_url, "redis://127.0.0.1:6379/12" if args.redis else "")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=BASE_DIR, env=env, check=True)
    page_id = make_page(env)
    median, p95, repeat_median = measure_record_cost(env, page_id)
    rps, p99, completed, counted, reloads, reload_views = measure_throughput(env, page_id)
    database = "PostgreSQL" if database_url.startswith("postg") else "SQLite"
    store = "Redis" if args.redis else "database"
    print(
        "\n| Database | Store | record_hit median | p95 | repeat median | hits/s (2 workers, 50 conns) | p99 "
        "| wrk requests | counted | reloads | counted |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    print(
        f"| {database} | {store} | {median:.3f} ms | {p95:.3f} ms | {repeat_median:.3f} ms | {rps:,.0f} "
        f"| {p99:.1f} ms | {completed} | {counted} | {reloads} | {reload_views} |"
    )
    # wrk stops with up to one request per connection in flight: the server counts those, wrk does not.
    if not completed <= counted <= completed + 50:
        sys.exit(f"Counted {counted} page views for {completed} completed requests")
    # On Redis a repeat is known to every worker; the database store remembers it per worker process.
    if not 1 <= reload_views <= (1 if args.redis else WORKERS):
        sys.exit(f"{reloads} reloads by one visitor counted {reload_views} page views")


if __name__ == "__main__":
    main()
