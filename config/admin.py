"""Admin pieces every app shares (config is the project, so any app may import it)."""

import json
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import Any, cast

from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from django.utils.functional import Promise
from django.utils.text import smart_split, unescape_string_literal

from config.postgres_sql import value_around


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


StrOrPromise = str | Promise  # a label, translated lazily or not


class LargeTablePaginator(Paginator):
    """Pages of a table that grows by the million (visitor events, daily figures, the audit
    log): Django counts every row the list holds on every page (0.7 s at 3 000 000 ad
    views, and twice without `show_full_result_count = False`). Here a list is counted
    exactly up to EXACT_UP_TO rows, which costs reading at most that many; above, its
    number is PostgreSQL's estimate of the query's rows (the planner's, from the table's
    statistics), never less than what was counted. SQLite, the small embedded set-up,
    counts them all."""

    EXACT_UP_TO = 10_000

    @cached_property
    def count(self) -> int:
        rows = cast(QuerySet, self.object_list)  # admin pages a queryset
        counted = rows.order_by()[: self.EXACT_UP_TO + 1].count()
        if counted <= self.EXACT_UP_TO:
            return counted
        return max(counted, planner_rows(rows) or rows.count())


def planner_rows(rows: QuerySet) -> int | None:
    """PostgreSQL's estimate of how many rows the query returns (None elsewhere)."""
    if connections[rows.db].vendor != "postgresql":
        return None
    plan = value_around(rows.order_by(), "EXPLAIN (FORMAT JSON) ", "", nothing=None)
    if plan is None:  # the query cannot match a row
        return 0
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


class EventLogAdmin(ReadOnlyAdmin):
    """A log that grows by the million, written in the order things happen (visits, clicks,
    cookie choices, daily figures): newest first by id, which the primary key serves (its
    own date has no index, so ordering by it sorted the whole table on every page: 13 s at
    3 000 000 ad views), counted by LargeTablePaginator, never counted a second time.
    Its list filters must ask nothing of the table (no filter of distinct values, no
    date hierarchy: each reads every row on every page); `values_filter` offers known
    values."""

    ordering = ["-pk"]
    paginator = LargeTablePaginator
    show_full_result_count = False


def values_filter(
    field: str, title: StrOrPromise, values: Iterable[tuple[str, StrOrPromise]]
) -> type[admin.SimpleListFilter]:
    """A list filter on `field` offering (value, label) pairs known in advance: Django's
    filter for a field without choices asks the table for its distinct values on every page
    (0.7 s at 3 000 000 ad views)."""
    offered = tuple(values)

    class ValuesFilter(admin.SimpleListFilter):
        parameter_name = field

        def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> Any:
            return offered

        def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
            value = self.value()
            return queryset.filter(**{field: value}) if value else queryset

    ValuesFilter.title = cast(str, title)  # a lazy translation serves as one
    return ValuesFilter


def view_on_site(request: HttpRequest, content_type_id: int, object_id: str) -> HttpResponse:
    """Admin's "view on site" link, for staff who may see that kind of record in admin.
    Django's own sends any staff member to any record's page: a draft's title in the
    address of its page, a sole trader's name in their company page's."""
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist as missing:
        raise Http404 from missing
    model = content_type.model_class()
    if model is None:
        raise Http404
    opts = model._meta
    if not any(
        request.user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
        for action in ("view", "change")
    ):
        raise PermissionDenied
    return shortcut(request, content_type_id, object_id)


def admin_urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    """admin.site.urls with `view_on_site` in place of Django's (same address and name, in
    admin's namespace, so that the staff checks of admin pages hold for it too)."""
    patterns, app_name, namespace = admin.site.urls
    checked = [
        URLPattern(
            pattern.pattern, admin.site.admin_view(view_on_site), pattern.default_args, pattern.name
        )
        if isinstance(pattern, URLPattern) and pattern.name == "view_on_site"
        else pattern
        for pattern in patterns
    ]
    return checked, app_name, namespace
