"""Run Python in a separate process, for settings that are read once at start-up."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]

# Variables a test process must not pass on: the child chooses its own settings and services, and
# the browser tests' async-safety switch would (rightly) fail Django's deployment checks.
NOT_INHERITED = {
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "VISITS_REDIS_URL",
    "SEARCH_URL",
}


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run `code` with the project on the path and exactly the given settings variables."""
    inherited = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**inherited, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run a management command in a separate process."""
    return run_python(
        f"import sys; sys.argv = ['manage.py', *{list(args)!r}];"
        "from django.core.management import execute_from_command_line;"
        "execute_from_command_line(sys.argv)",
        env,
    )
