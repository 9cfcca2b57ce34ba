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
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
# gunicorn's default sync workers: on this 2-core machine they beat threads (tried: gthread, 4 threads).
WORKER_OPTIONS = ["--worker-class", "sync"]
AGENT = "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(database_url: str, redis_url: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "0",
        "VISITS_KEY_PREFIX": f"bench-{secrets.token_hex(4)}",
        "VISITS_FLUSH_SECONDS": "3600",
    }
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def run_django(code: str, env: dict) -> str:
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def measure_record_cost(env: dict, hits: int = 5000) -> tuple[float, float]:
    code = f"""
import time, statistics
from django.test import RequestFactory
from portal import visits
factory = RequestFactory()
durations = []
for n in range({hits}):
    request = factory.get("/api/v1/visits/hit?page=1", REMOTE_ADDR=f"10.1.{{n // 250}}.{{n % 250}}", HTTP_USER_AGENT={AGENT!r})
    start = time.perf_counter()
    visits.record_hit(request, 1)
    durations.append(time.perf_counter() - start)
durations.sort()
print(statistics.median(durations) * 1000, durations[int(len(durations) * 0.95)] * 1000)
visits.flush()
"""
    median, p95 = run_django(code, env).split()
    return float(median), float(p95)


def measure_throughput(env: dict, seconds: int = 10) -> tuple[float, float, int, int]:
    port = free_port()
    server = subprocess.Popen(
        [
            str(BASE_DIR / ".venv/bin/gunicorn"),
            "portal.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        before = int(run_django("from portal import visits; print(visits.summary().total_page_views)", env))
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                "-c50",
                f"-d{seconds}s",
                "--latency",
                "-H",
                f"User-Agent: {AGENT}",
                f"http://127.0.0.1:{port}/api/v1/visits/hit?page=1",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    requests_per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    completed = int(re.search(r"(\d+) requests in", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    run_django("from portal import visits; visits.flush()", env)
    after = int(run_django("from portal import visits; print(visits.summary().total_page_views)", env))
    return requests_per_second, p99_ms, completed, after - before


def ensure_postgres_database(url: str) -> None:
    """Create the benchmark's PostgreSQL database if it does not exist yet."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    with psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    ) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone():
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')


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
        ensure_postgres_database(database_url)
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
