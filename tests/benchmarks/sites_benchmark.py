"""Benchmark of a province's install: N department sites of M articles each plus the hub, against one site.

    .venv/bin/python tests/benchmarks/sites_benchmark.py                          # 40 sites × 2,000 articles, SQLite
    .venv/bin/python tests/benchmarks/sites_benchmark.py --sites 40 --articles 200
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python tests/benchmarks/sites_benchmark.py
    .venv/bin/python tests/benchmarks/sites_benchmark.py --keep   # keep both built installs, then --reuse

1. Build two installs in throwaway databases (SQLite files in a temporary folder, or, with DATABASE_URL
   naming a PostgreSQL server, the databases `portal_sites_bench` and `portal_sites_bench_one`, dropped
   and created again; no other database is touched), both from `migrate`, `load_demo --no-admin` and
   `generate_figures` (20 agencies, 5 editions):
   - **one site**: one department site made by `create_department_site` (`so1.localhost`), with M
     synthetic articles (`news.synthetic.generate_articles`);
   - **province**: the same, then N-1 more department sites (`so2.localhost` …) with M articles each,
     and the hub (`tinh.localhost`). Every department is tied to a ranked agency, so its home page shows
     a score card.
2. Queries per page, in-process (Django's test client, production settings, Redis as the cache, page
   cache off): cold (the first view after a purge, the site's identity and menus read by another page
   already) and warm, for the first department's home, news listing and latest article and the hub's home;
   and, for the first department's editor (a member of its "Biên tập viên" group only), the admin's
   dashboard, the page explorer at the site's home and at its news section (M articles): queries. For
   each, the CPU time one request costs this process (SQLite runs in it; the median of 15): on a shared
   machine the wall clock and wrk's rates move with other processes' work, CPU time much less.
3. Uncached throughput: gunicorn (2 sync workers, production settings, Redis, `PAGE_CACHE_SECONDS=0`: every
   request renders its page; fragment caches on) for each install, both running, loaded in turn by wrk
   (2 threads, `--connections`, `--seconds`) with the site's `Host` header, `--rounds` times alternately,
   so that a burst of another process's work on a shared machine costs both installs alike; the median
   round is reported.
4. Memory: each gunicorn worker's resident memory (VmRSS) on a fresh server after serving the first
   department's three pages for `--seconds`, and on another fresh server after serving the three pages of
   every department and the hub's home (the requests cycle through every host).

Prints a markdown table; exits 1 when a department's page needs more queries than the one-site install's
or when a worker serving every site holds more than 10 % more memory than one serving a single site.
Not part of the test suite: it needs minutes and a quiet machine.
"""

import argparse
import http.client
import json
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.servers import (
    PHONE_AGENT,
    drop_postgres_database,
    manage,
    production_environment,
    recreate_postgres_database,
    run_django,
    run_wrk,
    start_server,
    stop_server,
    vacuum_analyze,
    worker_rss_kb,
)

DATABASES = {"one": "portal_sites_bench_one", "province": "portal_sites_bench"}  # the only ones touched
WORKDIR = Path(tempfile.gettempdir()) / "portal-sites-bench"
REDIS_URL = "redis://127.0.0.1:6379/12"
HUB_HOST = "tinh.localhost"
EDITOR = "bientap-so1"
PAGES = ("home", "listing", "article")

BUILD_SITES = """
import json, time
from django.contrib.auth.models import Group
from indexes.models import Agency
from news.models import NewsIndexPage
from news.synthetic import generate_articles
from portal.management.department_sites import create_department_site, editors_group_name
from tests.factories import UserFactory
started = time.perf_counter()
ranked = list(Agency.objects.filter(results__edition__live=True).distinct().order_by("pk"))
for number in range(1, SITES + 1):
    made = create_department_site(
        host=f"so{number}.localhost", agency=ranked[(number - 1) % len(ranked)].slug, name=f"Sở thử tải {number}"
    )
    generate_articles(count=ARTICLES, seed=number, news_index=NewsIndexPage.objects.child_of(made.home).get())
    if number == 1:
        editor = UserFactory(username=EDITOR)
        editor.groups.add(Group.objects.get(name=editors_group_name("Sở thử tải 1")))
    if number % 10 == 0:
        print(f"  {number} sites ({time.perf_counter() - started:.0f} s)", flush=True)
if HUB:
    Agency.objects.get_or_create(name="UBND tỉnh (thử tải)")
    create_department_site(host="tinh.localhost", agency="UBND tỉnh (thử tải)", name="Tỉnh (thử tải)", is_hub=True)
"""

# The first department's pages (and, on the province, the hub's home), as (host, path).
PAGE_PATHS = """
import json
from wagtail.models import Site
from news.models import ArticlePage
out = {}
for site in Site.objects.filter(hostname__endswith=".localhost").order_by("pk"):
    latest = ArticlePage.objects.live().descendant_of(site.root_page).order_by("-first_published_at").first()
    paths = {"home": "/"}
    if latest is not None:
        paths["listing"] = "/tin-tuc/"
        paths["article"] = latest.get_url_parts()[2]
    out[site.hostname] = {"pk": site.root_page_id, "paths": paths}
print(json.dumps(out))
"""

QUERY_PROBE = """
import json, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from news.models import NewsIndexPage
from portal.caching.generation import purge
from django.contrib.auth import get_user_model
from wagtail.models import Page
client = Client(HTTP_USER_AGENT=PHONE_AGENT)
out = {}


def cpu_ms(client, path, **headers):
    # This process's CPU time per request (SQLite runs in it), the median of REPEAT: unlike the wall
    # clock, another process's work on a shared machine barely moves it.
    spent = []
    for _ in range(REPEAT):
        started = time.process_time()
        client.get(path, **headers)
        spent.append((time.process_time() - started) * 1000)
    return sorted(spent)[len(spent) // 2]


for name, (host, path) in PAGES.items():
    client.get(path, HTTP_HOST=host)  # renditions, the first connection
    purge()
    client.get("/thong-ke-truy-cap/", HTTP_HOST=host)  # what every page shares, read again
    with CaptureQueriesContext(connection) as cold:
        client.get(path, HTTP_HOST=host)
    with CaptureQueriesContext(connection) as warm:
        response = client.get(path, HTTP_HOST=host)
    out[name] = {"status": response.status_code, "cold": len(cold), "warm": len(warm), "cpu_ms": cpu_ms(client, path, HTTP_HOST=host)}
editor = Client()
editor.force_login(get_user_model().objects.get(username=EDITOR))
home = HOME_ID
news = NewsIndexPage.objects.child_of(Page.objects.get(pk=home)).get()
for name, path in (("admin dashboard", "/admin/"), ("admin explorer (home)", f"/admin/pages/{home}/"), ("admin explorer (news)", f"/admin/pages/{news.pk}/")):
    editor.get(path, HTTP_HOST="SO1")
    with CaptureQueriesContext(connection) as queries:
        response = editor.get(path, HTTP_HOST="SO1")
    out[name] = {"status": response.status_code, "cold": len(queries), "warm": len(queries), "cpu_ms": cpu_ms(editor, path, HTTP_HOST="SO1")}
print(json.dumps(out))
"""


WARM = """
from django.test import Client
client = Client()
for host, path in REQUESTS:
    assert client.get(path, HTTP_HOST=host).status_code == 200, (host, path)
"""


def database_urls(server: str) -> dict[str, str]:
    if server:
        return {kind: f"{server.rstrip('/')}/{name}" for kind, name in DATABASES.items()}
    return {kind: f"sqlite:///{WORKDIR / f'{kind}.sqlite3'}" for kind in DATABASES}


def build(kind: str, database_url: str, env: dict, *, sites: int, articles: int) -> float:
    started = time.perf_counter()
    if database_url.startswith("postg"):
        recreate_postgres_database(database_url.rsplit("/", 1)[0], DATABASES[kind])
    else:
        Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_demo", "--no-admin", quiet=True)
    manage(env, "generate_figures", "--agencies", "20", "--editions", "5", quiet=True)
    print(
        f"$ {sites} department site(s) of {articles:,} articles"
        + (" and the hub" if kind == "province" else "")
    )
    code = (
        BUILD_SITES.replace("SITES", str(sites))
        .replace("ARTICLES", str(articles))
        .replace("HUB", str(kind == "province"))
        .replace("EDITOR", repr(EDITOR))
    )
    print(run_django(code, env), flush=True)
    if database_url.startswith("postg"):
        vacuum_analyze(database_url)
    else:
        manage(env, "analyze_database")
    seconds = time.perf_counter() - started
    print(f"  built the {kind} install in {seconds:.0f} s", flush=True)
    return seconds


def probe_queries(env: dict, pages: dict, home_id: int) -> dict:
    code = (
        QUERY_PROBE.replace("PAGES", repr(pages))
        .replace("PHONE_AGENT", repr(PHONE_AGENT))
        .replace("EDITOR", repr(EDITOR))
        .replace("HOME_ID", str(home_id))
        .replace('"SO1"', repr("so1.localhost"))
        .replace("REPEAT", "15")
    )
    found = json.loads(run_django(code, env))
    for name, result in found.items():
        if result["status"] != 200:
            sys.exit(f"{name} answered {result['status']}")
    return found


def host_script(host: str) -> str:
    """A wrk script sending every request with this Host header."""
    script = WORKDIR / f"host-{host}.lua"
    script.write_text(f'wrk.headers["Host"] = "{host}"\n', encoding="utf-8")
    return str(script)


def rotation_script(name: str, requests: list[tuple[str, str]]) -> str:
    """A wrk script cycling through (host, path) pairs, one request each in turn."""
    rows = ",\n".join(f'  {{"{host}", "{path}"}}' for host, path in requests)
    script = WORKDIR / f"rotation-{name}.lua"
    script.write_text(
        f"local targets = {{\n{rows}\n}}\n"
        "local formatted = {}\n"
        "local counter = 0\n"
        "function init(args)\n"
        "  for i, target in ipairs(targets) do\n"
        '    formatted[i] = wrk.format("GET", target[2], {["Host"] = target[1]})\n'
        "  end\n"
        "end\n"
        "function request()\n"
        "  counter = counter % #formatted + 1\n"
        "  return formatted[counter]\n"
        "end\n",
        encoding="utf-8",
    )
    return str(script)


def fetch(port: int, host: str, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request(
            "GET", path, headers={"Host": host, "User-Agent": PHONE_AGENT, "Accept-Language": "vi"}
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def throughput(ports: dict, targets: dict, *, seconds: int, connections: int, rounds: int) -> dict:
    """Requests per second of each (install, page): the median of `rounds` alternating wrk runs."""
    for name, (kind, host, path) in targets.items():
        for _ in range(4):  # both workers: their connections, the site's identity, the page's fragments
            if (status := fetch(ports[kind], host, path)) != 200:
                sys.exit(f"{name} ({host}{path}) answered {status}")
    runs: dict = {}
    for round_number in range(rounds):
        for name, (kind, host, path) in targets.items():
            result = run_wrk(
                f"http://127.0.0.1:{ports[kind]}{path}",
                seconds=seconds,
                connections=connections,
                script=host_script(host),
            )
            if result.errors:
                sys.exit(f"{name}: wrk counted {result.errors} error answers")
            runs.setdefault(name, []).append(result)
            print(f"  round {round_number + 1} {name}: {result.requests_per_second:,.0f} req/s", flush=True)
    return {
        name: sorted(results, key=lambda result: result.requests_per_second)[len(results) // 2]
        for name, results in runs.items()
    }


def memory(
    env: dict, requests: list[tuple[str, str]], name: str, *, seconds: int, connections: int
) -> list[int]:
    """Workers' RSS on a fresh server after serving these (host, path) pairs in turn for `seconds`."""
    server, port = start_server(env)
    try:
        for host, path in requests[:3]:  # the workers' own start: imports, connections, templates
            for _ in range(4):
                fetch(port, host, path)
        run_wrk(
            f"http://127.0.0.1:{port}/",
            seconds=seconds,
            connections=connections,
            script=rotation_script(name, requests),
        )
        time.sleep(0.5)
        return worker_rss_kb(server.pid)
    finally:
        stop_server(server)


def change(value: float, baseline: float) -> str:
    return f"{(value - baseline) / baseline * 100:+.0f} %" if baseline else "–"


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sites", type=int, default=40, help="department sites (40)")
    parser.add_argument("--articles", type=int, default=2000, help="articles per department site (2,000)")
    parser.add_argument("--seconds", type=int, default=6, help="wrk's duration per run (6)")
    parser.add_argument("--connections", type=int, default=10, help="wrk's connections (10)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per page (3)")
    parser.add_argument("--keep", action="store_true", help="keep the built installs for --reuse")
    parser.add_argument("--reuse", action="store_true", help="measure the kept installs again, if they match")
    parser.add_argument("--output", help="also append the table to this file")
    args = parser.parse_args()
    if args.sites < 1 or args.articles < 1:
        sys.exit("--sites and --articles must be positive numbers")
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")

    started = time.perf_counter()
    WORKDIR.mkdir(parents=True, exist_ok=True)
    server_url = os.environ.get("DATABASE_URL", "")
    server_url = server_url.rsplit("/", 1)[0] if server_url.startswith("postg") else ""
    urls = database_urls(server_url)
    database = "PostgreSQL" if server_url else "SQLite"
    envs = {
        kind: production_environment(
            urls[kind],
            PAGE_CACHE_SECONDS="0",
            ALLOWED_HOSTS=".localhost,127.0.0.1,localhost",
            MEDIA_ROOT=str(WORKDIR / f"media-{kind}"),
            STATIC_ROOT=str(WORKDIR / "static"),
            DATABASE_CONN_MAX_AGE="60",
            REDIS_URL=REDIS_URL,
            CACHE_KEY_PREFIX=f"sites-bench-{kind}-{secrets.token_hex(4)}",
            VISITS_KEY_PREFIX=f"sites-bench-visits-{kind}-{secrets.token_hex(4)}",
        )
        for kind in DATABASES
    }
    marker = WORKDIR / "built"
    signature = f"{urls} {args.sites} {args.articles}"
    servers = []
    build_seconds = {}
    try:
        if args.reuse and marker.exists() and marker.read_text() == signature:
            print(f"Reusing the installs in {WORKDIR}.")
            for kind in DATABASES:  # with the migrations added since they were built
                manage(envs[kind], "migrate", "--no-input", "-v0")
        else:
            build_seconds["one"] = build("one", urls["one"], envs["one"], sites=1, articles=args.articles)
            build_seconds["province"] = build(
                "province", urls["province"], envs["province"], sites=args.sites, articles=args.articles
            )
            marker.write_text(signature)
        manage(envs["one"], "collectstatic", "--no-input", "-v0")
        built = time.perf_counter()

        found = {kind: json.loads(run_django(PAGE_PATHS, envs[kind])) for kind in DATABASES}
        first = found["one"]["so1.localhost"]
        first_province = found["province"]["so1.localhost"]
        pages = {
            "one": {name: ("so1.localhost", first["paths"][name]) for name in PAGES},
            "province": {name: ("so1.localhost", first_province["paths"][name]) for name in PAGES}
            | {"hub home": (HUB_HOST, "/")},
        }
        queries = {
            kind: probe_queries(envs[kind], pages[kind], found[kind]["so1.localhost"]["pk"])
            for kind in DATABASES
        }

        for kind in DATABASES:
            server, port = start_server(envs[kind])
            servers.append((kind, server, port))
        ports = {kind: port for kind, _server, port in servers}
        targets = {}
        for name in PAGES:
            targets[f"one site: {name}"] = ("one", *pages["one"][name])
            targets[f"province: {name}"] = ("province", *pages["province"][name])
        targets["province: hub home"] = ("province", HUB_HOST, "/")
        rates = throughput(
            ports, targets, seconds=args.seconds, connections=args.connections, rounds=args.rounds
        )
        for _kind, server, _port in servers:
            stop_server(server)
        servers = []

        # Every page once, so that the images' renditions exist (as on an install that has been running):
        # a worker making renditions holds the decoded images' memory, which is not the sites' cost.
        for kind in DATABASES:
            warm = [(host, path) for host, site in found[kind].items() for path in site["paths"].values()]
            run_django(WARM.replace("REQUESTS", repr(warm)), envs[kind])
        one_site_requests = [("so1.localhost", path) for path in first_province["paths"].values()]
        every_site_requests = [
            (host, path) for host, site in found["province"].items() for path in site["paths"].values()
        ]
        rss = {
            "one install, its site": memory(
                envs["one"],
                [("so1.localhost", path) for path in first["paths"].values()],
                "one",
                seconds=args.seconds * 2,
                connections=args.connections,
            ),
            "province, one site": memory(
                envs["province"],
                one_site_requests,
                "province-one",
                seconds=args.seconds * 2,
                connections=args.connections,
            ),
            "province, every site": memory(
                envs["province"],
                every_site_requests,
                "province-all",
                seconds=args.seconds * 2,
                connections=args.connections,
            ),
        }

        lines = [
            f"#### {database}: {args.sites} department sites × {args.articles:,} articles + the hub, against "
            f"one department site of {args.articles:,} articles (gunicorn 2 sync workers, page cache off; "
            f"wrk 2 threads, {args.connections} connections, {args.seconds} s, median of {args.rounds} "
            "alternating rounds)",
            "",
            "| Page | Queries one site (cold / warm) | Queries province (cold / warm) | CPU ms one site "
            "| CPU ms province | Uncached req/s one site | Uncached req/s province | Change |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        missed = []
        for name in PAGES:
            one, province = queries["one"][name], queries["province"][name]
            one_rate = rates[f"one site: {name}"].requests_per_second
            province_rate = rates[f"province: {name}"].requests_per_second
            lines.append(
                f"| department {name} | {one['cold']} / {one['warm']} | {province['cold']} / {province['warm']} "
                f"| {one['cpu_ms']:.1f} | {province['cpu_ms']:.1f} ({change(province['cpu_ms'], one['cpu_ms'])}) "
                f"| {one_rate:,.0f} | {province_rate:,.0f} | {change(province_rate, one_rate)} |"
            )
            if province["warm"] > one["warm"] or province["cold"] > one["cold"]:
                missed.append(f"department {name}: {province['cold']}/{province['warm']} queries")
        hub, hub_rate = queries["province"]["hub home"], rates["province: hub home"].requests_per_second
        home_rate = rates["one site: home"].requests_per_second
        lines.append(
            f"| hub home | – | {hub['cold']} / {hub['warm']} | – | {hub['cpu_ms']:.1f} | – | {hub_rate:,.0f} "
            f"| {change(hub_rate, home_rate)} (against a department's home) |"
        )
        lines += [
            "",
            "| Admin, the first department's editor | Queries one site | Queries province | CPU ms one site "
            "| CPU ms province |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for name in ("admin dashboard", "admin explorer (home)", "admin explorer (news)"):
            one, province = queries["one"][name], queries["province"][name]
            lines.append(
                f"| {name.removeprefix('admin ')} | {one['warm']} | {province['warm']} | {one['cpu_ms']:.0f} "
                f"| {province['cpu_ms']:.0f} |"
            )
        lines += [
            "",
            "| Worker memory (VmRSS, each of 2 workers) | After serving | MB |",
            "| --- | --- | ---: |",
        ]
        descriptions = {
            "one install, its site": "one-site install: its department's 3 pages",
            "province, one site": "province: the first department's 3 pages",
            "province, every site": f"province: the 3 pages of each of {args.sites} departments and the hub's home",
        }
        for name, sizes in rss.items():
            lines.append(
                f"| {name} | {descriptions[name]} | {' / '.join(f'{size / 1024:.0f}' for size in sizes)} |"
            )
        if max(rss["province, every site"]) > 1.1 * max(rss["province, one site"]):
            missed.append(
                "a worker serving every site holds more than 10 % more memory than one serving one site"
            )
        if build_seconds:
            lines += [
                "",
                "Build: "
                + ", ".join(f"{kind} {seconds:.0f} s" for kind, seconds in build_seconds.items())
                + ".",
            ]
        lines += [
            "",
            "Missed: " + "; ".join(missed)
            if missed
            else "No page needs more queries on the province's install; memory does not grow with the sites served.",
        ]
        print("\n" + "\n".join(lines))
        if args.output:
            with open(args.output, "a", encoding="utf-8") as output:
                output.write("\n".join(lines) + "\n\n")
        print(
            f"\nBuild {built - started:.0f} s, measurement {time.perf_counter() - built:.0f} s.",
            file=sys.stderr,
        )
    finally:
        for _kind, server, _port in servers:
            stop_server(server)
        if not args.keep:
            if server_url:
                for name in DATABASES.values():
                    drop_postgres_database(server_url, name)
            shutil.rmtree(WORKDIR, ignore_errors=True)
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
