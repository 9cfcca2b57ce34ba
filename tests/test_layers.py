"""The import layers stated in pyproject.toml cover the whole of portal/: no module escapes them.

`lint-imports` checks the layers, but only for the modules a layer names; a new module of `portal/`
left out of every layer could import anything. This test fails until it is placed in one.
"""

import tomllib
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
NOT_CODE = {"settings", "migrations", "locale", "locale_wagtail", "__pycache__"}


def layered_modules() -> set[str]:
    config = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())
    [layers] = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    names = set()
    for layer in layers["layers"]:
        for part in layer.replace("|", ":").split(":"):
            names.add(part.strip())
    return names


def portal_modules() -> set[str]:
    modules = set()
    for path in (BASE_DIR / "portal").iterdir():
        if path.name in NOT_CODE or path.name.startswith(("_", ".")):
            continue
        if path.is_dir() and (path / "__init__.py").exists():
            modules.add(f"portal.{path.name}")
        elif path.suffix == ".py":
            modules.add(f"portal.{path.stem}")
    return modules


def test_every_module_of_portal_sits_in_a_layer():
    assert portal_modules() - layered_modules() == set()


def test_the_domain_apps_are_layers():
    assert {"news", "indexes"} <= layered_modules()
