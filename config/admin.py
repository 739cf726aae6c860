"""Admin pieces every app shares (config is the project, so any app may import it)."""

from collections.abc import Iterator
from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.text import smart_split, unescape_string_literal


def admin_search_words(search_term: str) -> Iterator[str]:
    """The words of admin's search box as Django's own search splits them ("quoted words"
    are one), for a `get_search_results` that writes its own query."""
    for word in smart_split(search_term):
        if word.startswith(('"', "'")) and word[0] == word[-1]:
            word = unescape_string_literal(word)
        yield word


class ReadOnlyAdmin(admin.ModelAdmin):  # for any model
    """Audit, proof, reference data and visitor events: staff read them, nobody edits or
    deletes them by hand (retention and imports do)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
