"""What people type, made plain before a form validates it.

Control characters are never meant: a title with CR/LF puts a header line into a mail
subject, one with BEL or NUL cannot be written as XML (the job feeds answered 500 for
everyone while such an ad was live), and the bidirectional controls (U+202E and friends)
show text other than what is stored. A single-line field loses them all, its line breaks
becoming a space; a multi-line field keeps its line breaks (as "\\n") and tabs.
"""

import re
from typing import Any

from django import forms
from django.http import QueryDict

# Marks, embeddings, overrides and isolates of the Unicode bidirectional algorithm, and the
# two non-characters XML 1.0 does not allow either.
_INVISIBLE = "\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff"
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_SINGLE_LINE_DROPPED = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}]")
_MULTI_LINE_DROPPED = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")


def single_line(text: str) -> str:
    """`text` without control characters; a line break or a tab becomes a space."""
    text = _LINE_BREAKS.sub(" ", text).replace("\t", " ")
    return _SINGLE_LINE_DROPPED.sub("", text)


def multi_line(text: str) -> str:
    """`text` without control characters but its line breaks ("\\n") and tabs."""
    return _MULTI_LINE_DROPPED.sub("", _LINE_BREAKS.sub("\n", text))


def _plain_value(value: Any, clean) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list | tuple):
        return [clean(v) if isinstance(v, str) else v for v in value]
    return value


class PlainTextForm(forms.BaseForm):
    """A form whose text fields are made plain (single_line, or multi_line for a
    Textarea) before any validation, so lengths count what is kept and a form shown again
    shows it. Passwords are left as typed. Every form of the apps' forms modules is one
    (tests/config/test_plain_text.py)."""

    def full_clean(self) -> None:
        if self.is_bound:
            self.data = self._plain_data()
        super().full_clean()

    def _plain_data(self):
        data = self.data.copy()
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            if not isinstance(field, forms.CharField) or key not in data:
                continue
            if isinstance(field.widget, forms.PasswordInput):
                continue
            clean = multi_line if isinstance(field.widget, forms.Textarea) else single_line
            if isinstance(data, QueryDict):
                data.setlist(key, _plain_value(data.getlist(key), clean))
            else:
                data[key] = _plain_value(data[key], clean)
        return data
