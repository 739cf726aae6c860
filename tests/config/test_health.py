import json
import logging

import pytest
from django.test import override_settings

from config import health
from config.logs import JsonFormatter, RequestIdFilter, request_id
from tests.config.test_settings import PRODUCTION, _import_settings


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: a query would raise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_each_dependency(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "redis", "storage"}
    assert set(body["checks"].values()) == {"ok"}


@pytest.mark.django_db
def test_readyz_is_unavailable_while_a_migration_is_missing(client, monkeypatch):
    class Unmigrated:
        def __init__(self, connection):
            self.loader = type("L", (), {"graph": type("G", (), {"leaf_nodes": lambda s: []})()})()

        def migration_plan(self, targets):
            return [("jobs", "9999_pending")]

    monkeypatch.setattr(health, "MigrationExecutor", Unmigrated)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "failed: RuntimeError"


@pytest.mark.django_db
def test_readyz_is_unavailable_when_storage_is_unreachable(client, settings, tmp_path):
    # A folder that cannot be made: its parent is a file.
    (tmp_path / "file").write_text("")
    missing = tmp_path / "file" / "media"
    with override_settings(
        STORAGES={
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(missing)},
            },
        }
    ):
        from django.core.files.storage import default_storage

        default_storage._wrapped = None  # type: ignore[attr-defined]  # re-read the setting
        try:
            response = client.get("/readyz")
        finally:
            default_storage._wrapped = None  # type: ignore[attr-defined]
    assert response.status_code == 503
    assert response.json()["checks"]["storage"].startswith("failed")


def test_health_routes_refuse_writes(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_a_proxys_id_is_kept(client):
    made = client.get("/healthz")["X-Request-ID"]
    assert len(made) == 32
    given = client.get("/healthz", HTTP_X_REQUEST_ID="lb-1234abcd")["X-Request-ID"]
    assert given == "lb-1234abcd"
    # A header that could forge log lines is replaced, not echoed.
    forged = client.get("/healthz", HTTP_X_REQUEST_ID='x"\n{"level":"ERROR"}')["X-Request-ID"]
    assert forged != 'x"\n{"level":"ERROR"}' and len(forged) == 32


def test_json_log_lines_carry_the_request_id_and_no_exception_text():
    record = logging.LogRecord("jobs", logging.ERROR, "jobs/views.py", 12, "%s rows", (3,), None)
    try:
        raise ValueError("anna@example.se is not valid")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    token = request_id.set("req-abc12345")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "3 rows"
    assert line["request_id"] == "req-abc12345"
    assert line["exception"] == "ValueError"
    assert "anna@example.se" not in json.dumps(line)


def test_sessions_share_redis_with_the_cache_when_it_is_configured():
    code = (
        "import config.settings as s;"
        "print(s.SESSION_ENGINE, s.CACHES.get('sessions', {}).get('BACKEND'))"
    )
    with_redis = _import_settings(code=code, REDIS_URL="redis://127.0.0.1:6379/9").stdout.split()
    assert with_redis == [
        "django.contrib.sessions.backends.cache",
        "config.redis_cache.RedisCache",
    ]
    embedded = _import_settings(code=code, REDIS_URL="").stdout.split()
    assert embedded == ["django.contrib.sessions.backends.db", "None"]


def test_production_logs_json_by_default():
    code = "import config.settings as s; print(s.LOGGING['handlers']['console']['formatter'])"
    assert _import_settings(code=code, **PRODUCTION).stdout.strip() == "json"
    assert _import_settings(code=code).stdout.strip() == "plain"
    bad = _import_settings(code=code, LOG_FORMAT="xml")
    assert bad.returncode != 0
