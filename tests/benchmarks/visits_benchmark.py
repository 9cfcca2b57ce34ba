"""Benchmark of the visitor counting: what it adds to a page view, and hits per second under load.

    .venv/bin/python tests/benchmarks/visits_benchmark.py                  # SQLite, database store
    .venv/bin/python tests/benchmarks/visits_benchmark.py --redis          # Redis store
    .venv/bin/python tests/benchmarks/visits_benchmark.py --database-url postgres://postgres@127.0.0.1:5432/portal_bench

1. The cost of counting: `record_hit()` timed in-process, median and p95 over 5,000 hits.
2. Throughput: gunicorn (2 workers, production settings, DEBUG off) on 127.0.0.1 serves the hit
   endpoint to `wrk` (50 connections, 10 s); afterwards the counted page views must match the requests
   wrk completed (plus at most the one per connection still in flight when wrk stopped). Only loopback is used. Prints a markdown table; not part of the test suite.
"""

import argparse
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.servers import (
    BASE_DIR,
    PHONE_AGENT,
    postgres_connection,
    production_environment,
    run_django,
    run_wrk,
    start_server,
    stop_server,
)

AGENT = PHONE_AGENT


def environment(database_url: str, redis_url: str) -> dict:
    overrides = {"VISITS_KEY_PREFIX": f"bench-{secrets.token_hex(4)}", "VISITS_FLUSH_SECONDS": "3600"}
    if redis_url:
        overrides["REDIS_URL"] = redis_url
    return production_environment(database_url, **overrides)


def measure_record_cost(env: dict, hits: int = 5000) -> tuple[float, float]:
    code = f"""
import time, statistics
from django.test import RequestFactory
from portal.visits import counting
factory = RequestFactory()
durations = []
for n in range({hits}):
    request = factory.get("/api/v1/visits/hit?page=1", REMOTE_ADDR=f"10.1.{{n // 250}}.{{n % 250}}", HTTP_USER_AGENT={AGENT!r})
    start = time.perf_counter()
    counting.record_hit(request, 1)
    durations.append(time.perf_counter() - start)
durations.sort()
print(statistics.median(durations) * 1000, durations[int(len(durations) * 0.95)] * 1000)
counting.flush()
"""
    median, p95 = run_django(code, env).split()
    return float(median), float(p95)


def measure_throughput(env: dict, seconds: int = 10) -> tuple[float, float, int, int]:
    server, port = start_server(env)
    try:
        before = int(
            run_django("from portal.visits import figures; print(figures.summary().total_page_views)", env)
        )
        load = run_wrk(f"http://127.0.0.1:{port}/api/v1/visits/hit?page=1", seconds=seconds, connections=50)
    finally:
        stop_server(server)
    run_django("from portal.visits import counting; counting.flush()", env)
    after = int(
        run_django("from portal.visits import figures; print(figures.summary().total_page_views)", env)
    )
    return load.requests_per_second, load.p99_ms, load.requests, after - before


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
    median, p95 = measure_record_cost(env)
    rps, p99, completed, counted = measure_throughput(env)
    database = "PostgreSQL" if database_url.startswith("postg") else "SQLite"
    store = "Redis" if args.redis else "database"
    print(
        "\n| Database | Store | record_hit median | record_hit p95 | hits/s (2 workers, 50 conns) | p99 | wrk requests | counted |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    print(
        f"| {database} | {store} | {median:.3f} ms | {p95:.3f} ms | {rps:,.0f} | {p99:.1f} ms | {completed} | {counted} |"
    )
    # wrk stops with up to one request per connection in flight: the server counts those, wrk does not.
    if not completed <= counted <= completed + 50:
        sys.exit(f"Counted {counted} page views for {completed} completed requests")


if __name__ == "__main__":
    main()
