"""mypy is a CI gate (`make lint`): it checks every app, strictly where the promises live.

The configuration is pyproject.toml's; these tests keep it from drifting: an app added
later is listed (or mypy would never read it), a listed folder exists (or mypy stops), and
the strict part stays strict.
"""

import re
import tomllib
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
STRICT = (
    "disallow_untyped_defs",
    "disallow_incomplete_defs",
    "disallow_untyped_decorators",
    "disallow_any_generics",
    "check_untyped_defs",
    "warn_return_any",
)


def mypy_config() -> dict:
    return tomllib.loads((BASE / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]


def test_mypy_reads_every_app_and_only_folders_that_exist():
    apps = {path.parent.name for path in BASE.glob("*/apps.py")}
    files = set(mypy_config()["files"])
    assert apps - files == set(), "add the new app to [tool.mypy] files in pyproject.toml"
    assert {name for name in files if not (BASE / name).is_dir()} == set()


def test_privacy_and_every_services_module_are_checked_strictly():
    strict = [
        override
        for override in mypy_config()["overrides"]
        if {"privacy.*", "*.services", "*.services.*"} <= set(override["module"])
    ]
    assert len(strict) == 1
    assert all(strict[0].get(option) is True for option in STRICT)
    assert mypy_config()["warn_unused_ignores"] is True


def test_every_ignore_names_its_error_code():
    bare = re.compile(r"#\s*type:\s*ignore(?!\[)")
    found = [
        f"{path.relative_to(BASE)}:{number}"
        for name in mypy_config()["files"]
        for path in (BASE / name).rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if bare.search(line)
    ]
    assert found == []


def test_make_lint_runs_mypy_after_ruff():
    makefile = (BASE / "Makefile").read_text(encoding="utf-8")
    lint = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    commands = [line.strip() for line in lint.splitlines()[1:]]
    assert commands[-1] == "$(VENV)/bin/mypy"
    assert any("ruff check" in command for command in commands[:-1])
    assert ".mypy_cache/" in (BASE / ".gitignore").read_text(encoding="utf-8").splitlines()
