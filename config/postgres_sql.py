"""SQL that only PostgreSQL runs: for migrations (the search's triggers, partial, GIN and
trigram indexes; SQLite, the embedded set-up, works without them), and around a queryset's
own SQL, for what the ORM does not write (`ARRAY(...)`, `EXPLAIN`)."""

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections, migrations
from django.db.models import QuerySet


def _on_postgres(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def run_on_postgres(forward: str, backward: str) -> migrations.RunPython:
    return migrations.RunPython(_on_postgres(forward), _on_postgres(backward), elidable=False)


def value_around(rows: QuerySet, before: str, after: str, *, nothing: Any) -> Any:
    """The one value PostgreSQL returns for `before + <the SQL of rows> + after`, or
    `nothing` when the query cannot match a row (Django does not compile a filter on an
    empty list of ids; it raises EmptyResultSet instead)."""
    try:
        sql, params = rows.query.get_compiler(using=rows.db).as_sql()
    except EmptyResultSet:
        return nothing
    with connections[rows.db].cursor() as cursor:
        cursor.execute(before + sql + after, params)
        return cursor.fetchone()[0]
