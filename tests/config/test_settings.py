import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION = {"DEBUG": "false", "SECRET_KEY": "x" * 50, "EMAIL_URL": "smtp://mail.example.se:587"}


def _import_settings(*, code="import config.settings", **env):
    unset = {"SECRET_KEY", "DEBUG", "EMAIL_URL", "PORT", "SITE_URL"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(env)
    return subprocess.run(  # noqa: S603 (the test's own Python code)
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key_in_one_line():
    result = _import_settings(DEBUG="false")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Refusing to start: SECRET_KEY must be set when DEBUG is off (see .env.example)."
    ]


def test_production_starts_with_a_secret_key():
    result = _import_settings(**PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_a_mail_server_in_one_line():
    # Printed mail would put sign-in and password-reset links in the server's log.
    for email_url in ("", "consolemail://", "filemail:///tmp/mail"):
        result = _import_settings(**{**PRODUCTION, "EMAIL_URL": email_url})
        assert result.returncode != 0, email_url
        assert result.stderr.strip().splitlines() == [
            "Refusing to start: EMAIL_URL must name a mail server when DEBUG is off "
            "(see .env.example)."
        ], email_url


def test_development_prints_mail_in_the_terminal_without_an_email_url():
    result = _import_settings(code="import config.settings as s; print(s.EMAIL_BACKEND)")
    assert result.stdout.strip() == "django.core.mail.backends.console.EmailBackend"


def test_site_url_follows_the_port_served_unless_set():
    code = "import config.settings as s; print(s.SITE_URL)"
    assert _import_settings(code=code).stdout.strip() == "http://127.0.0.1:8000"
    assert _import_settings(code=code, PORT="8080").stdout.strip() == "http://127.0.0.1:8080"
    given = _import_settings(code=code, PORT="8080", SITE_URL="https://jobb.example.se/")
    assert given.stdout.strip() == "https://jobb.example.se"


def test_swedish_is_the_default_language_in_stockholm_time():
    assert settings.LANGUAGE_CODE == "sv"
    assert [code for code, _ in settings.LANGUAGES] == ["sv", "en"]
    assert settings.TIME_ZONE == "Europe/Stockholm"
    assert settings.USE_TZ


def test_english_lives_under_en_and_swedish_has_no_prefix(client, db):
    swedish = client.get("/")
    english = client.get("/en/")
    assert swedish.status_code == english.status_code == 200
    assert swedish["Content-Language"] == "sv"
    assert english["Content-Language"] == "en"


def test_private_media_is_never_served_under_a_url(client, settings, db):
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "documents").mkdir(exist_ok=True)
    (settings.MEDIA_ROOT / "documents" / "secret").write_bytes(b"%PDF-1.4 cv")
    for path in (
        settings.MEDIA_URL + "documents/secret",
        "/documents/secret",
        "/media/documents/secret",
        "/static/../var/private/documents/secret",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"%PDF-1.4 cv" not in response.content  # (random tokens may spell "cv")


def test_the_financial_year_end_is_a_setting_read_as_month_and_day():
    assert settings.FINANCIAL_YEAR_END == (12, 31)
    assert _import_settings(FINANCIAL_YEAR_END="06-30").returncode == 0


def test_a_financial_year_end_that_is_not_a_day_of_every_year_stops_start_up():
    for bad in ("02-29", "13-01", "juni", "6/30"):
        result = _import_settings(FINANCIAL_YEAR_END=bad)
        assert result.returncode != 0, bad
        assert "FINANCIAL_YEAR_END must be a day of every year" in result.stderr, bad


def test_a_broken_financial_year_moves_the_bookkeeping_clock(settings):
    import datetime as dt

    from privacy.retention import financial_year_end

    settings.FINANCIAL_YEAR_END = (6, 30)
    assert financial_year_end(dt.date(2027, 3, 1)) == dt.date(2027, 6, 30)
    assert financial_year_end(dt.date(2027, 7, 1)) == dt.date(2028, 6, 30)


def test_sqlite_transactions_take_the_write_lock_when_they_begin():
    """On the embedded default, two requests that read and then write at once (two clicks
    on "order") wait their turn; a deferred transaction's late lock upgrade fails at once
    with "database is locked" (seen: 500s on parallel orders)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's transaction mode")
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    connection.get_connection_params()  # how Django reads it, without connecting
    assert connection.transaction_mode == "IMMEDIATE"
