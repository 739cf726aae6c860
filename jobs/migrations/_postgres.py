"""SQL that only PostgreSQL runs, for the migrations of the search (its triggers, partial and
GIN indexes; SQLite searches without them). Not a migration itself: the loader skips
modules whose name starts with an underscore."""

from django.db import migrations


def _on_postgres(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def run_on_postgres(forward: str, backward: str) -> migrations.RunPython:
    return migrations.RunPython(_on_postgres(forward), _on_postgres(backward), elidable=False)
