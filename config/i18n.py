"""Compile the translation catalogs (.po -> .mo) in pure Python, with no gettext tools.

    python -m config.i18n

Each app keeps its own catalog in <app>/locale/sv/LC_MESSAGES/django.po (its Python code and
its templates under templates/<app>/); the shared layout's strings live in locale/. The .mo
files are build output: `make install` writes them and git ignores them.
"""

from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent
SKIP = {".venv", "var", "node_modules", ".git"}


def catalogs(base: Path = BASE_DIR) -> list[Path]:
    found = []
    for po in base.glob("**/locale/*/LC_MESSAGES/*.po"):
        if not SKIP.intersection(po.relative_to(base).parts):
            found.append(po)
    return sorted(found)


def compile_all(base: Path = BASE_DIR) -> int:
    count = 0
    for po in catalogs(base):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            polib.pofile(str(po)).save_as_mofile(str(mo))
            count += 1
    return count


if __name__ == "__main__":
    print(f"compiled {compile_all()} translation catalog(s)")
