"""Fault drill: the portal on gunicorn with production settings while Redis or the search server is dead.

    .venv/bin/python tests/benchmarks/fault_drill.py              # SQLite (a file in a temporary folder)
    .venv/bin/python tests/benchmarks/fault_drill.py --postgres   # PostgreSQL (database portal_fault_drill)

1. Builds the demo site (`migrate`, `load_demo`, `collectstatic`) in a throwaway database.
2. For each scenario, starts gunicorn (2 sync workers, production settings) and requests every public
   address a visitor can reach from the home page (the site's own links, followed breadth first), the
   public API and the visitor hit, twice over, counting answers by status and timing them:
   - healthy: Redis (cache and counters) and the database search backend, as a baseline;
   - Redis refusing connections (`REDIS_URL` on a port where nothing listens);
   - Redis never answering (a socket that accepts and stays silent);
   - the search server refusing connections (`SEARCH_URL` on a closed port);
   - the search server never answering.
3. Prints a table (scenario, requests, 5xx, other non-200 by status, median and p95 latency, /healthz)
   and exits 1 if any scenario answered a public request with a 5xx other than search's 503.
Not part of the test suite: it takes a few minutes. The README's "Security baseline" quotes it.
"""

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.servers import (
    drop_postgres_database,
    manage,
    production_environment,
    recreate_postgres_database,
    start_server,
    stop_server,
)
from tests.faults import BlackHole, closed_port

DATABASE = "portal_fault_drill"
WORKDIR = Path(tempfile.gettempdir()) / "portal-fault-drill"
REDIS_URL = "redis://127.0.0.1:6379/12"
LINK = re.compile(r'href="([^"#]+)"')
API_PATHS = [
    "/api/v1/editions",
    "/api/v1/results",
    "/api/v1/agencies",
    "/api/v1/service-counts",
    "/api/v1/visits/summary",
    "/api/v1/search?q=cai+cach",
    "/api/v1/search/suggest?q=cai",
    "/tim-kiem/?q=chi+so+cai+cach",
    "/api/v1/visits/hit?page=3",
]
AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
SEARCH_PATHS = ("/tim-kiem/", "/api/v1/search")


def fetch(base: str, path: str) -> tuple[int, float, bytes, str]:
    request = urllib.request.Request(base + path, headers={"User-Agent": AGENT})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body, status, kind = response.read(), response.status, response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        body, status, kind = error.read(), error.code, error.headers.get("Content-Type", "")
    return status, (time.perf_counter() - started) * 1000, body, kind


def site_addresses(base: str, limit: int = 120) -> list[str]:
    """Every address a visitor reaches from the home page by the site's own links (up to `limit`)."""
    seen, queue = [], ["/"]
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.append(path)
        status, _, body, kind = fetch(base, path)
        if status != 200 or "text/html" not in kind:
            continue
        for href in LINK.findall(body.decode("utf-8", "replace")):
            if href.startswith(("mailto:", "tel:")):
                continue
            target = urlsplit(urljoin(path, href.replace("&amp;", "&")))
            if target.netloc not in ("", "127.0.0.1") or target.path.startswith(
                ("/admin", "/documents", "/media", "/static")
            ):
                continue
            address = target.path + (f"?{target.query}" if target.query else "")
            if address not in seen and address not in queue:
                queue.append(address)
    return seen + [path for path in API_PATHS if path not in seen]


def drill(name: str, env: dict, addresses: list[str] | None) -> tuple[dict, list[str]]:
    server, port = start_server(env)
    base = f"http://127.0.0.1:{port}"
    try:
        addresses = addresses or site_addresses(base)
        statuses, latencies, failures = {}, [], []
        for _round in range(2):
            for path in addresses:
                status, milliseconds, _, _ = fetch(base, path)
                statuses[status] = statuses.get(status, 0) + 1
                latencies.append(milliseconds)
                search_outage = status == 503 and path.startswith(SEARCH_PATHS)
                if status >= 500 and not search_outage:
                    failures.append(f"{status} {path}")
        health_status, _, health_body, _ = fetch(base, "/healthz")
    finally:
        stop_server(server)
    latencies.sort()
    row = {
        "scenario": name,
        "requests": sum(statuses.values()),
        "5xx": sum(count for status, count in statuses.items() if status >= 500),
        "statuses": ", ".join(f"{status}×{count}" for status, count in sorted(statuses.items())),
        "median_ms": statistics.median(latencies),
        "p95_ms": latencies[int(len(latencies) * 0.95)],
        "healthz": f"{health_status} {json.loads(health_body).get('status')}",
    }
    return row, addresses, failures


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--postgres", action="store_true", help="use PostgreSQL (database portal_fault_drill)"
    )
    options = parser.parse_args()
    WORKDIR.mkdir(parents=True, exist_ok=True)
    if options.postgres:
        server_url = "postgres://postgres@127.0.0.1:5432"
        database_url = f"{server_url}/{DATABASE}"
        recreate_postgres_database(server_url, DATABASE)
    else:
        database_url = f"sqlite:///{WORKDIR / 'drill.sqlite3'}"
        Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    shutil.rmtree(WORKDIR / "media", ignore_errors=True)
    common = {"MEDIA_ROOT": str(WORKDIR / "media"), "STATIC_ROOT": str(WORKDIR / "static")}
    build_env = production_environment(database_url, **common)
    manage(build_env, "migrate", "--no-input", "-v0")
    manage(build_env, "load_demo", "--no-admin")
    manage(build_env, "collectstatic", "--no-input", "-v0")

    silent_redis, silent_search = BlackHole(), BlackHole()
    scenarios = [
        ("healthy (Redis, database search)", {"REDIS_URL": REDIS_URL}),
        ("Redis refusing connections", {"REDIS_URL": f"redis://127.0.0.1:{closed_port()}/0"}),
        ("Redis never answering", {"REDIS_URL": f"redis://127.0.0.1:{silent_redis.port}/0"}),
        (
            "search server refusing connections",
            {
                "REDIS_URL": REDIS_URL,
                "SEARCH_URL": f"http://127.0.0.1:{closed_port()}",
                "SEARCH_TIMEOUT": "3",
            },
        ),
        (
            "search server never answering",
            {
                "REDIS_URL": REDIS_URL,
                "SEARCH_URL": f"http://127.0.0.1:{silent_search.port}",
                "SEARCH_TIMEOUT": "3",
            },
        ),
    ]
    rows, all_failures, addresses = [], [], None
    try:
        for name, overrides in scenarios:
            print(f"== {name}", flush=True)
            row, addresses, failures = drill(
                name, production_environment(database_url, **common, **overrides), addresses
            )
            rows.append(row)
            all_failures += [f"{name}: {failure}" for failure in failures]
    finally:
        silent_redis.close()
        silent_search.close()
        if options.postgres:
            drop_postgres_database("postgres://postgres@127.0.0.1:5432", DATABASE)

    print()
    print("| Scenario | Requests | 5xx | Answers by status | Median | p95 | /healthz |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        print(
            f"| {row['scenario']} | {row['requests']} | {row['5xx']} | {row['statuses']} | "
            f"{row['median_ms']:.0f} ms | {row['p95_ms']:.0f} ms | {row['healthz']} |"
        )
    if all_failures:
        print("\nServer errors on public addresses:\n" + "\n".join(all_failures[:40]))
        return 1
    print("\nNo public address answered a server error (search's 503 with Retry-After excepted).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
