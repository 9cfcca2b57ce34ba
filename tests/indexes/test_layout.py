"""The indexes app's imports: news depends on indexes, never the reverse, and no module reads a half-loaded package."""

import ast
from pathlib import Path

import indexes

APP = Path(indexes.__file__).parent
# Modules that `indexes.models` loads while it is itself being imported: they must take the models
# from `indexes.models.figures`, since `indexes.models` is not complete yet.
LOADED_WITH_THE_MODELS = [
    "models/pages.py",
    "views.py",
    "rankings.py",
    "tables.py",
    "downloads.py",
    "formatting.py",
]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_nothing_in_indexes_imports_news():
    offenders = {
        str(path.relative_to(APP)): sorted(
            name for name in imported_modules(path) if name.split(".")[0] == "news"
        )
        for path in APP.rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_modules_loaded_with_the_models_import_them_from_figures():
    offenders = [
        module for module in LOADED_WITH_THE_MODELS if "indexes.models" in imported_modules(APP / module)
    ]
    assert offenders == []
