"""Swedish first: every string the product shows has a Swedish translation."""

import ast
import re
from pathlib import Path

import polib
from django.conf import settings
from django.utils.translation.template import templatize

from config.i18n import catalogs

BASE = Path(settings.BASE_DIR)
OUR_CODE = ("accounts", "companies", "config", "jobs", "mailer", "newsletter", "privacy")
GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
# templatize() turns a template into gettext(u'...') / ngettext(u'...', ...) calls.
TEMPLATE_CALL = re.compile(r"(?:^|\W)n?gettext\(u'((?:\\.|[^'\\])*)'")


def _python_msgids(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in GETTEXT or not node.args:
            continue
        first = node.args[1 if name.startswith(("pgettext", "npgettext")) else 0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            yield first.value


def _template_msgids(path: Path):
    text = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    for match in TEMPLATE_CALL.finditer(text):
        yield ast.literal_eval("'" + match[1] + "'")


def _sources():
    for app in OUR_CODE:
        for path in (BASE / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path, _python_msgids(path)
    for path in (BASE / "templates").rglob("*.*"):
        if path.suffix in {".html", ".txt", ".xml"}:
            yield path, _template_msgids(path)


def _translated() -> set[str]:
    done = set()
    for po in catalogs(BASE):
        if po.parent.parent.name != "sv":
            continue
        for entry in polib.pofile(str(po)):
            if entry.msgstr or any(entry.msgstr_plural.values()):
                done.add(entry.msgid)
    return done


def test_every_ui_string_has_a_swedish_translation():
    translated = _translated()
    missing = set()
    for path, msgids in _sources():
        for msgid in msgids:
            if msgid and msgid not in translated:
                missing.add(f"{path.relative_to(BASE)}: {msgid!r}")
    assert not missing, "Untranslated strings:\n" + "\n".join(sorted(missing))


def test_catalogs_parse_and_have_no_fuzzy_entries():
    for po in catalogs(BASE):
        pofile = polib.pofile(str(po))
        assert not pofile.fuzzy_entries(), f"{po}: fuzzy entries"
