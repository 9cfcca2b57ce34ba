"""Benchmark of site search on PostgreSQL: latency of /tim-kiem/ and /api/v1/search at 10,000 articles.

    .venv/bin/python tests/benchmarks/search_benchmark.py                    # build, measure, drop
    .venv/bin/python tests/benchmarks/search_benchmark.py --keep             # keep the database
    .venv/bin/python tests/benchmarks/search_benchmark.py --reuse --keep     # measure again, no rebuild
    .venv/bin/python tests/benchmarks/search_benchmark.py --articles 100000 --rounds 10
    .venv/bin/python tests/benchmarks/search_benchmark.py --articles 100000 --opensearch   # through OpenSearch

1. Build: the throwaway database `portal_search_bench` (dropped and created again; no other database
   is touched), `migrate`, `load_demo --no-admin`, `generate_articles N`, `update_index`, then
   `VACUUM ANALYZE` (the planner needs statistics, and a server running with autovacuum off would
   never gather them). `--reuse` skips these steps when a previous build for the same number of
   articles completed (marked by a comment on the database). Then `collectstatic`, for the production
   settings' manifest. Media and static files go to a temporary folder, never into the checkout.
2. Latency: gunicorn (2 sync workers, production settings, DEBUG off, search rate limit off) on
   127.0.0.1; after a warm-up, every query is asked `--rounds` times of `GET /tim-kiem/?q=…` and
   `GET /api/v1/search?q=…`, one request at a time (a new connection per request: gunicorn's sync
   workers close it after each response), timed end to end by the client.
3. SQL: each query once more in-process (Django's test client, test settings, same database) under
   `CaptureQueriesContext`: the number of SQL statements per search and the time spent in them. The
   slowest statement of the slowest search is shown with EXPLAIN ANALYZE when a p95 misses the target
   (or always, with `--explain`).

With `--opensearch`, search goes to an OpenSearch-compatible server instead of PostgreSQL's full text:
osmem-server (a test requirement: in memory, started and stopped by the script), named by `SEARCH_URL`
with `SEARCH_BACKEND=opensearch` as a deployment would; it holds nothing between runs, so the index is
built every time (the database is reused with `--reuse`).

p95 is the nearest-rank percentile: with 20 rounds, the 19th of 20 timings. Prints markdown tables;
the target is p95 under 100 ms at 10,000 articles. Not part of the test suite.
"""

import argparse
import http.client
import json
import math
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.servers import (
    BASE_DIR,
    WORKERS,
    drop_postgres_database,
    manage,
    postgres_connection,
    production_environment,
    recreate_postgres_database,
    start_server,
    stop_server,
    vacuum_analyze,
)

DATABASE = "portal_search_bench"  # the only database this script creates or drops
WORKDIR = Path(tempfile.gettempdir()) / "portal-search-bench"  # media and collected static files
TARGET_MS = 100.0

# (words, extra parameters): what readers type, with and without diacritics, and the filters they use.
QUERIES = [
    ("cải cách hành chính", {}),
    ("cai cach hanh chinh", {}),
    ("so khoa hoc 2023", {}),
    ("Sở Khoa học và Công nghệ", {}),
    ("xếp hạng 13/18", {}),
    ("chỉ số cchc 2024", {}),
    ("dich vu cong truc tuyen", {}),
    ("dịch vụ công trực tuyến", {}),
    ("đồng tháp", {}),
    ("dong thap", {}),
    ("sở xây dựng", {}),
    ("cai cahc hanh chin", {}),  # misspelt: no article has every word, so the any-word fallback runs
    ("thái nguyên", {}),  # rare: one demo article
    ("tổng hợp", {}),  # common: every synthetic article
    ("hội nghị", {}),
    ("ứng dụng phần mềm quản lý văn bản", {}),
    ("cải cách hành chính", {"nam": "2024"}),
    ("dich vu cong", {"sap-xep": "moi-nhat"}),
    ("cai cach", {"nhom": "tin-tuc", "trang": "3"}),
    ("thủ tục", {"chuyen-muc": "dich-vu-cong"}),
]


def label(words: str, extra: dict) -> str:
    return words + "".join(f" &{name}={value}" for name, value in extra.items())


def path_for(endpoint: str, words: str, extra: dict) -> str:
    return endpoint + "?" + urlencode({"q": words, **extra})


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


# Database --------------------------------------------------------------------------------------------


def build_marker(server_url: str) -> str | None:
    """The comment a completed build leaves on the benchmark database, or None if there is none."""
    with postgres_connection(server_url) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
    return row[0] if row else None


def marker_text(articles: int) -> str:
    return f"search benchmark: {articles} synthetic articles, indexed"


def mark_built(server_url: str, articles: int) -> None:
    with postgres_connection(server_url) as conn:
        conn.execute(f"COMMENT ON DATABASE \"{DATABASE}\" IS '{marker_text(articles)}'")


# Environment and build -------------------------------------------------------------------------------


def environment(
    database_url: str, settings: str = "portal.settings.production", search_url: str = ""
) -> dict:
    search = {"SEARCH_URL": search_url, "SEARCH_BACKEND": "opensearch"} if search_url else {}
    return production_environment(
        database_url,
        **search,
        DJANGO_SETTINGS_MODULE=settings,
        SEARCH_RATE_PER_MINUTE="0",  # the page's limit and the API's, each its own bucket
        SEARCH_API_RATE_PER_MINUTE="0",
        DATABASE_CONN_MAX_AGE="60",  # persistent connections, as a production deployment should use
        MEDIA_ROOT=str(WORKDIR / "media"),
        STATIC_ROOT=str(WORKDIR / "static"),
    )


def build(server_url: str, database_url: str, env: dict, articles: int, *, mark: bool = True) -> dict:
    """Build the database; `mark` it as indexed for `--reuse` (not when the index went to OpenSearch)."""
    shutil.rmtree(WORKDIR / "media", ignore_errors=True)
    recreate_postgres_database(server_url, DATABASE)
    steps = {
        "migrate": manage(env, "migrate", "--no-input", "-v0"),
        "load_demo": manage(env, "load_demo", "--no-admin"),
        "generate_articles": manage(env, "generate_articles", str(articles)),
        # A bulk load of the whole archive at once: far more than a reader's search waits (SEARCH_TIMEOUT).
        "update_index": manage({**env, "SEARCH_TIMEOUT": "600"}, "update_index", quiet=True),
        "vacuum_analyze": vacuum_analyze(database_url),
    }
    if mark:
        mark_built(server_url, articles)
    return steps


def start_opensearch():
    """osmem-server, an in-memory OpenSearch-compatible server (a test requirement)."""
    from osmem_server import OsmemServer

    server = OsmemServer.start()
    print(f"OpenSearch (osmem-server {server.version}) at {server.url}")
    return server


# Measurements ----------------------------------------------------------------------------------------


def get(port: int, path: str) -> tuple[float, int, bytes]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Accept-Language": "vi"})
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    return (time.perf_counter() - started) * 1000, response.status, body


def measure_latency(port: int, rounds: int) -> tuple[dict, dict]:
    """Per query and endpoint: the timings in ms; and per query, the API's result counts."""
    endpoints = {"page": "/tim-kiem/", "api": "/api/v1/search"}
    counts = {}
    # Warm-up: every query on both endpoints, three times, so both workers have seen each one.
    for _ in range(3):
        for words, extra in QUERIES:
            for kind, endpoint in endpoints.items():
                _, status, body = get(port, path_for(endpoint, words, extra))
                if status != 200:
                    sys.exit(
                        f"{kind} {label(words, extra)!r}: HTTP {status}\n{body[:2000].decode(errors='replace')}"
                    )
                if kind == "api":
                    data = json.loads(body)
                    counts[label(words, extra)] = (
                        data["news"]["count"],
                        data["agencies"]["count"],
                        data["scores"]["count"],
                    )
    timings = {label(words, extra): {"page": [], "api": []} for words, extra in QUERIES}
    for _ in range(rounds):
        for words, extra in QUERIES:
            for kind, endpoint in endpoints.items():
                ms, status, _ = get(port, path_for(endpoint, words, extra))
                if status != 200:
                    sys.exit(f"{kind} {label(words, extra)!r}: HTTP {status} during the measurement")
                timings[label(words, extra)][kind].append(ms)
    return timings, counts


SQL_PROBE = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from urllib.parse import urlencode

client = Client()
out = {}
for words, extra in json.loads(QUERIES):
    key = words + "".join(f" &{name}={value}" for name, value in extra.items())
    out[key] = {}
    for kind, endpoint in (("page", "/tim-kiem/"), ("api", "/api/v1/search")):
        path = endpoint + "?" + urlencode({"q": words, **extra})
        client.get(path)  # warm: caches, templates, first connection
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        statements = [(float(q["time"]) * 1000, q["sql"]) for q in ctx.captured_queries]
        slowest = max(statements, default=(0.0, ""))
        out[key][kind] = {
            "queries": len(statements),
            "sql_ms": sum(ms for ms, _ in statements),
            "slowest_ms": slowest[0],
            "slowest_sql": slowest[1],
        }
print(json.dumps(out))
"""


def measure_sql(database_url: str, search_url: str = "") -> dict:
    env = environment(database_url, settings="portal.settings.test", search_url=search_url)
    code = SQL_PROBE.replace("json.loads(QUERIES)", f"json.loads({json.dumps(QUERIES)!r})")
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        print(f"SQL probe failed (the latency figures stand):\n{result.stderr[-3000:]}", file=sys.stderr)
        return {}
    return json.loads(result.stdout.strip().splitlines()[-1])


def explain(database_url: str, sql: str) -> str:
    import psycopg

    with psycopg.connect(database_url) as conn:
        rows = conn.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}").fetchall()
    return "\n".join(row[0] for row in rows)


# Report ----------------------------------------------------------------------------------------------


def shorten(text: str) -> str:
    """Long lists of ids (a filter resolved to primary keys) as a count, so that SQL and plans stay readable."""
    text = re.sub(r"IN \(([0-9, ]{200,})\)", lambda m: f"IN (<{m.group(1).count(',') + 1} ids>)", text)
    return re.sub(r"\{([0-9,]{200,})\}", lambda m: f"{{<{m.group(1).count(',') + 1} ids>}}", text)


def flag(ms: float) -> str:
    """A timing in ms, in bold when it misses the target."""
    return f"**{ms:.1f}**" if ms >= TARGET_MS else f"{ms:.1f}"


def report(timings: dict, counts: dict, sql: dict, articles: int, rounds: int) -> list[str]:
    """Print the tables; return the queries whose p95 (page or API) misses the target."""
    slow = []
    print(
        f"\n### Search latency: {articles:,} synthetic articles (+ demo), PostgreSQL, gunicorn {WORKERS} sync "
        f"workers, {rounds} rounds, one request at a time\n"
    )
    print(
        "| Query | news / agencies / scores | page median | page p95 | API median | API p95 "
        "| SQL statements page / API | SQL ms page / API |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for key, by_kind in timings.items():
        page, api = by_kind["page"], by_kind["api"]
        news, agencies, scores = counts.get(key, ("?", "?", "?"))
        probe = sql.get(key, {})
        statements = f"{probe['page']['queries']} / {probe['api']['queries']}" if probe else "–"
        sql_ms = f"{probe['page']['sql_ms']:.0f} / {probe['api']['sql_ms']:.0f}" if probe else "–"
        page_p95, api_p95 = percentile(page, 0.95), percentile(api, 0.95)
        if max(page_p95, api_p95) >= TARGET_MS:
            slow.append(key)
        print(
            f"| `{key}` | {news} / {agencies} / {scores} | {statistics.median(page):.1f} | {flag(page_p95)} "
            f"| {statistics.median(api):.1f} | {flag(api_p95)} | {statements} | {sql_ms} |"
        )
    every_page = [ms for by_kind in timings.values() for ms in by_kind["page"]]
    every_api = [ms for by_kind in timings.values() for ms in by_kind["api"]]
    print("\n| All queries | requests | median | p95 | max | p95 < 100 ms |")
    print("| --- | ---: | ---: | ---: | ---: | :---: |")
    for name, values in (("`/tim-kiem/` page", every_page), ("`/api/v1/search`", every_api)):
        p95 = percentile(values, 0.95)
        verdict = "yes" if p95 < TARGET_MS else "**no**"
        print(
            f"| {name} | {len(values)} | {statistics.median(values):.1f} ms | {p95:.1f} ms "
            f"| {max(values):.1f} ms | {verdict} |"
        )
    print("\nTimes in ms, measured by the client over loopback (connect, request, full response).")
    if slow:
        print(f"Queries whose p95 is {TARGET_MS:.0f} ms or more: " + ", ".join(f"`{key}`" for key in slow))
    else:
        print(f"Every query's p95 is under {TARGET_MS:.0f} ms, on the page and in the API.")
    return slow


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000, help="synthetic articles (default 10000)")
    parser.add_argument("--rounds", type=int, default=20, help="timed requests per query and endpoint (20)")
    parser.add_argument("--keep", action="store_true", help=f"keep the {DATABASE} database and {WORKDIR}")
    parser.add_argument("--reuse", action="store_true", help="skip the build when a complete one exists")
    parser.add_argument(
        "--explain", action="store_true", help="EXPLAIN ANALYZE the slowest search's slowest SQL"
    )
    parser.add_argument("--no-sql", action="store_true", help="skip the in-process count of SQL statements")
    parser.add_argument(
        "--opensearch",
        action="store_true",
        help="search through osmem-server (OpenSearch) instead of PostgreSQL",
    )
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432",
        help="PostgreSQL server, without a database",
    )
    args = parser.parse_args()
    if args.articles < 1 or args.rounds < 1:
        parser.error("--articles and --rounds must be positive")

    started = time.perf_counter()
    database_url = f"{args.postgres.rstrip('/')}/{DATABASE}"
    search_server = start_opensearch() if args.opensearch else None
    search_url = search_server.url if search_server else ""
    env = environment(database_url, search_url=search_url)
    WORKDIR.mkdir(parents=True, exist_ok=True)
    server = None
    try:
        if args.reuse and build_marker(args.postgres) == marker_text(args.articles):
            print(f"Reusing {DATABASE} ({args.articles:,} articles, indexed).")
            if search_server:
                manage(
                    {**env, "SEARCH_TIMEOUT": "600"}, "update_index", quiet=True
                )  # it starts empty every run
        else:
            if args.reuse:
                print(f"No complete build of {DATABASE} for {args.articles:,} articles: building.")
            build(args.postgres, database_url, env, args.articles, mark=search_server is None)
        manage(env, "collectstatic", "--no-input", "-v0")
        built = time.perf_counter()

        server, port = start_server(env)
        timings, counts = measure_latency(port, args.rounds)
        stop_server(server)
        server = None
        sql = {} if args.no_sql else measure_sql(database_url, search_url)

        slow = report(timings, counts, sql, args.articles, args.rounds)
        if sql and (slow or args.explain):
            worst = max(timings, key=lambda key: percentile(timings[key]["page"], 0.95))
            probe = sql[worst]["page"]
            print(
                f"\n#### Slowest search: `{worst}`, its slowest SQL statement "
                f"({probe['slowest_ms']:.1f} ms of {probe['sql_ms']:.1f} ms in {probe['queries']} statements)\n"
            )
            print("```sql\n" + shorten(probe["slowest_sql"]) + "\n```\n")
            print("```\n" + shorten(explain(database_url, probe["slowest_sql"])) + "\n```")
        finished = time.perf_counter()
        print(
            f"\nBuild and collectstatic {built - started:.0f} s, measurement {finished - built:.0f} s, "
            f"total {finished - started:.0f} s."
        )
    finally:
        if server is not None:
            stop_server(server)
        if search_server is not None:
            search_server.close()
        if not args.keep:
            drop_postgres_database(args.postgres, DATABASE)
            shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
