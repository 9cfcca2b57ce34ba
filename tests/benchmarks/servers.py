"""What the benchmark scripts share: a production-like environment, gunicorn on 127.0.0.1, wrk, PostgreSQL.

Only loopback is used; no database other than the one a script names is created or dropped.
"""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
WORKERS = 2
# gunicorn's default sync workers: on this 2-core machine they beat threads (tried: gthread, 4 threads).
WORKER_CLASS = "sync"
PHONE_AGENT = "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_environment(database_url: str, **overrides: str) -> dict:
    """The variables a deployment sets, for 127.0.0.1 over plain HTTP; `overrides` add or replace some."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    for name in ("REDIS_URL", "VISITS_REDIS_URL", "SEARCH_URL", "DEBUG", "PAGE_CACHE_SECONDS"):
        env.pop(name, None)
    env.update(overrides)
    return env


def manage(env: dict, *arguments: str, quiet: bool = False) -> float:
    """Run a management command, echoing it; returns the seconds it took."""
    started = time.perf_counter()
    print(f"$ manage.py {' '.join(arguments)}", flush=True)
    subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )
    seconds = time.perf_counter() - started
    print(f"  ({seconds:.1f} s)", flush=True)
    return seconds


def run_django(code: str, env: dict) -> str:
    """Run Python code with Django set up in `env`; returns what it printed."""
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(result.stderr)
    return result.stdout.strip()


def start_server(env: dict, workers: int = WORKERS, app: str = "portal.wsgi") -> tuple[subprocess.Popen, int]:
    """gunicorn serving `app` (the portal) on a free loopback port, once it accepts connections."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(BASE_DIR / ".venv/bin/gunicorn"),
            app,
            "--workers",
            str(workers),
            "--worker-class",
            WORKER_CLASS,
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
        start_new_session=True,
    )
    for _ in range(300):
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with status {server.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server, port
        except OSError:
            time.sleep(0.1)
    stop_server(server)
    sys.exit("gunicorn did not start listening within 30 s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx answers, socket errors and timeouts


def milliseconds(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(
    url: str, *, seconds: int, connections: int, agent: str = PHONE_AGENT, script: str | None = None
) -> WrkResult:
    """Load `url` with wrk (2 threads) and read its summary; `script` is a Lua file for wrk's `-s`."""
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            "-H",
            f"User-Agent: {agent}",
            "-H",
            "Accept-Language: vi",
            *(["-s", script] if script else []),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+(?:us|ms|s))\s*$", output, flags=re.M))
    p50 = re.fullmatch(r"([\d.]+)(us|ms|s)", latency["50"])
    p99 = re.fullmatch(r"([\d.]+)(us|ms|s)", latency["99"])
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return WrkResult(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=milliseconds(*p50.groups()),
        p99_ms=milliseconds(*p99.groups()),
        requests=int(re.search(r"(\d+) requests in", output).group(1)),
        errors=(int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(int(n) for n in socket_errors.groups()) if socket_errors else 0),
    )


def worker_rss_kb(master_pid: int) -> list[int]:
    """Each gunicorn worker's resident memory, in KB (the master's children)."""
    sizes = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(fields.get("PPid", "0").strip()) == master_pid:
            sizes.append(int(fields["VmRSS"].split()[0]))
    return sorted(sizes)


def postgres_connection(server_url: str):
    """An autocommit connection to the server's `postgres` database (to create or drop others)."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(f"{server_url.rstrip('/')}/postgres")
    return psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    )


def recreate_postgres_database(server_url: str, name: str) -> None:
    with postgres_connection(server_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_postgres_database(server_url: str, name: str) -> None:
    with postgres_connection(server_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def vacuum_analyze(database_url: str) -> float:
    """What autovacuum does after a bulk load, done now so that the planner knows the tables' sizes."""
    import psycopg

    started = time.perf_counter()
    print("$ VACUUM ANALYZE", flush=True)
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    seconds = time.perf_counter() - started
    print(f"  ({seconds:.1f} s)", flush=True)
    return seconds
