"""Querysets compiled once per process and database, run with each request's values.

A page's query often has the same SQL on every request: only the values of its parameters
change (the ids of a page of results, the time, the ad asked for). Building and compiling it
through the ORM cost about twice running it (1 to 2 ms a page, measured in bench/search.py),
so it is compiled once, with a mark in the place of each value (`MARKS`); where each mark
lands among the compiled parameters is noted, and each run puts its values there.

The rows are the database driver's, without Django's converters: use it where the query
needs none (PostgreSQL for the reads here; tested against the ORM's rows).
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.db import connections, router
from django.db.models import Model, QuerySet

# Marks put in the place of each value, to find them among the compiled parameters.
MARKS: dict[str, Any] = {
    "now": datetime.datetime(1901, 2, 3, 4, 5, 6, 789, tzinfo=datetime.UTC),
    "ids": [-7_654_321],
    "pk": -7_654_321,
}


class Compiled:
    """`build(**values)`, compiled once per database alias. It reads from the database the
    routers choose for `model` (the replica for public pages, see config/replica.py)."""

    def __init__(self, model: type[Model], build: Callable[..., QuerySet]) -> None:
        self.model, self.build = model, build
        self._by_alias: dict[str, tuple[str, tuple, tuple]] = {}

    def _compiled(self, alias: str, names: list[str]) -> tuple[str, tuple, tuple]:
        if alias not in self._by_alias:
            queryset = self.build(**{name: MARKS[name] for name in names})
            sql, params = queryset.query.get_compiler(using=alias).as_sql()
            by_mark = {repr(MARKS[name]): name for name in names}
            places = tuple(by_mark.get(repr(param)) for param in params)
            if set(names) - set(places):
                raise RuntimeError("a value of the query is not among its parameters as given")
            self._by_alias[alias] = sql, params, places
        return self._by_alias[alias]

    def run(self, **values: Any) -> list[tuple]:
        alias = router.db_for_read(self.model)
        sql, params, places = self._compiled(alias, list(values))
        bound = [
            param if name is None else values[name]
            for param, name in zip(params, places, strict=True)
        ]
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, bound)
            return cursor.fetchall()

    def forget(self) -> None:
        """Compile again on the next run (tests that change what the query is built from)."""
        self._by_alias.clear()
