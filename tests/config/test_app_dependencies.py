"""The apps depend on each other in one direction only: no two apps import each other,
directly or round a longer loop, at module level or inside a function.

    taxonomy, privacy  <-  accounts  <-  jobs  <-  companies  <-  demo
"""

import ast
import itertools
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
APPS = sorted(p.parent.name for p in BASE.glob("*/apps.py"))


def _imported_modules(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def app_imports() -> dict[str, dict[str, str]]:
    """app -> {other app it imports: one place where it does}."""
    graph: dict[str, dict[str, str]] = {app: {} for app in APPS}
    for app in APPS:
        for path in (BASE / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for module in _imported_modules(path):
                other = module.split(".")[0]
                if other in graph and other != app:
                    graph[app].setdefault(other, str(path.relative_to(BASE)))
    return graph


def find_cycle(graph: dict[str, dict[str, str]]) -> list[str] | None:
    visiting: list[str] = []
    done: set[str] = set()

    def visit(app):
        if app in visiting:
            return [*visiting[visiting.index(app) :], app]
        if app in done:
            return None
        visiting.append(app)
        for other in sorted(graph[app]):
            cycle = visit(other)
            if cycle:
                return cycle
        visiting.pop()
        done.add(app)
        return None

    for app in sorted(graph):
        cycle = visit(app)
        if cycle:
            return cycle
    return None


def test_the_checker_finds_a_cycle():
    graph = {"a": {"b": "a/x.py"}, "b": {"c": "b/y.py"}, "c": {"a": "c/z.py"}, "d": {}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b": "a/x.py"}, "b": {}}) is None


def test_no_two_apps_import_each_other():
    graph = app_imports()
    cycle = find_cycle(graph)
    where = [graph[a][b] for a, b in itertools.pairwise(cycle)] if cycle else []
    assert cycle is None, f"import cycle {' -> '.join(cycle)} (at {', '.join(where)})"


def test_the_foundations_import_no_other_app():
    graph = app_imports()
    assert graph["privacy"] == {}, "privacy/ must not know the apps it serves"
    assert graph["taxonomy"] == {}


def test_no_app_but_demo_imports_the_demo_data():
    assert [app for app, others in app_imports().items() if "demo" in others] == []
