"""SQL that only PostgreSQL runs, for migrations (the search's triggers, partial, GIN and
trigram indexes; SQLite, the embedded set-up, works without them)."""

from django.db import migrations


def _on_postgres(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def run_on_postgres(forward: str, backward: str) -> migrations.RunPython:
    return migrations.RunPython(_on_postgres(forward), _on_postgres(backward), elidable=False)
