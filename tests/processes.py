"""Settings that are read once at start-up: read them afresh in this process, or run another one."""

import importlib
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from unittest import mock

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


def fresh_settings(module: str, env: dict[str, str]) -> ModuleType:
    """Import `portal.settings.<module>` (and the base it starts from) afresh, as a new process would.

    The environment is the one `run_python` gives a child process, and this process's settings
    modules are put back afterwards. What the import raises (ImproperlyConfigured) is what would stop
    that process from starting; it costs milliseconds where a process costs a second or two.
    """
    inherited = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    package = importlib.import_module("portal.settings")
    attributes = dict(vars(package))
    names = ["portal.settings.base", f"portal.settings.{module}"]
    try:
        with mock.patch.dict(os.environ, {**inherited, **env}, clear=True), mock.patch.dict(sys.modules):
            for name in names:
                sys.modules.pop(name, None)
            return importlib.import_module(names[-1])
    finally:
        for name in ("base", module):  # the package's attributes name this process's modules again
            if name in attributes:
                setattr(package, name, attributes[name])
            else:
                vars(package).pop(name, None)


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
