"""Reads from a streaming replica (config/replica.py).

The router's choices are tested everywhere. Against a real replica (CI makes one with
pg_basebackup and sets DATABASE_REPLICA_URL for this file) the public pages are shown to
read from it and the rest, and any read after a write, from the primary.
"""

import time

import pytest
from django.conf import settings
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.replica import PRIMARY, REPLICA, ReplicaRouter, _reads_from_replica
from tests.factories import AdFactory, UserFactory

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"


def test_reads_go_to_the_primary_unless_the_page_is_a_public_read():
    router = ReplicaRouter()
    assert router.db_for_read(object) == PRIMARY
    token = _reads_from_replica.set(True)
    try:
        assert router.db_for_read(object) == REPLICA
        assert router.db_for_write(object) == PRIMARY
        # After a write, the request reads its own writes.
        assert router.db_for_read(object) == PRIMARY
    finally:
        _reads_from_replica.reset(token)


def test_migrations_run_on_the_primary_only():
    router = ReplicaRouter()
    assert router.allow_migrate(PRIMARY, "jobs") is True
    assert router.allow_migrate(REPLICA, "jobs") is False


def _real_replica_settings():
    if REPLICA not in settings.DATABASES:
        pytest.skip("no DATABASE_REPLICA_URL (CI sets one up with pg_basebackup)")
    real = dict(settings.DATABASES[REPLICA])
    real["NAME"] = connections[PRIMARY].settings_dict["NAME"]  # the test database
    real["TEST"] = {}
    return real


@pytest.fixture
def real_replica():
    """Points the `replica` alias at the real standby for the test, then back."""
    real = _real_replica_settings()
    mirror = connections[REPLICA]
    connections[REPLICA] = connections.create_connection(REPLICA)
    connections[REPLICA].settings_dict = real
    try:
        yield connections[REPLICA]
    finally:
        connections[REPLICA].close()
        connections[REPLICA] = mirror


def _caught_up(replica, timeout=15.0):
    """Waits until the standby has replayed everything the primary has written."""
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (target,) = cursor.fetchone()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with replica.cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cursor.fetchone()[0]:
                return
        time.sleep(0.05)
    raise AssertionError("the replica did not catch up")


# Without a replica the tests below skip (in their fixture) before they touch it.
_DATABASES = [PRIMARY, REPLICA] if REPLICA in settings.DATABASES else [PRIMARY]
pytestmark_real = pytest.mark.django_db(transaction=True, databases=_DATABASES)


@pytestmark_real
def test_the_replica_is_a_real_standby(real_replica):
    with real_replica.cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone()[0] is True
    with pytest.raises(Exception, match="read-only"), real_replica.cursor() as cursor:
        cursor.execute("CREATE TABLE not_allowed (id int)")


@pytestmark_real
@pytest.mark.parametrize("params", [{}, {"q": "bagare"}], ids=["newest", "ranked"])
def test_search_reads_from_the_replica_and_finds_what_the_primary_wrote(
    client, taxonomy, real_replica, params
):
    """Both ways a page is read: newest first, and by rank (whose page is loaded by SQL
    compiled once per process and database, jobs/compiled.py)."""
    ad = AdFactory(title="Replikerad bagare")
    _caught_up(real_replica)

    with (
        CaptureQueriesContext(real_replica) as on_replica,
        CaptureQueriesContext(connections[PRIMARY]) as on_primary,
    ):
        response = client.get(reverse("jobs:search"), params)

    assert response.status_code == 200
    assert ad.title in response.content.decode()
    assert any("jobs_ad" in q["sql"] for q in on_replica.captured_queries)
    assert not any("jobs_ad" in q["sql"] for q in on_primary.captured_queries)


@pytestmark_real
def test_pages_that_are_not_public_reads_stay_on_the_primary(client, taxonomy, real_replica):
    user = UserFactory()
    client.force_login(user)
    _caught_up(real_replica)

    with CaptureQueriesContext(real_replica) as on_replica:
        response = client.get(reverse("jobs:my_applications"))

    assert response.status_code == 200
    assert on_replica.captured_queries == []


@pytestmark_real
def test_after_a_write_the_ad_page_reads_the_primary(client, taxonomy, real_replica):
    ad = AdFactory(title="Kock i fjällen")
    _caught_up(real_replica)

    with (
        CaptureQueriesContext(real_replica) as on_replica,
        CaptureQueriesContext(connections[PRIMARY]) as on_primary,
    ):
        response = client.get(ad.get_absolute_url(), HTTP_USER_AGENT=BROWSER)

    assert response.status_code == 200
    # The ad itself came from the replica; the view it counted went to the primary, and
    # what the page read after that too.
    assert any("jobs_ad" in q["sql"] for q in on_replica.captured_queries)
    writes = [i for i, q in enumerate(on_primary.captured_queries) if q["sql"].startswith("INSERT")]
    assert writes, "the view was not counted on the primary"
    replica_sql = " ".join(q["sql"] for q in on_replica.captured_queries)
    assert "INSERT" not in replica_sql
