"""The home page's ads per municipality on PostgreSQL come from a count the database keeps
(migration 0012): after every kind of write, and at any moment asked, it is the count of
public ads, ads ended since the last sweep and ads not published yet included."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Count

from jobs.counts import _count_per_place
from jobs.models import Ad
from taxonomy.models import Municipality
from tests.factories import AdFactory, ClosedAdFactory

pytestmark = pytest.mark.django_db


def counted(now):
    """What the home page counted before: every public ad, grouped by municipality."""
    per_place = (
        Ad.objects.public(now).order_by().values_list("municipality_id").annotate(n=Count("id"))
    )
    return dict(per_place.values_list("municipality_id", "n"))


def kept(now):
    return {place: n for place, n in _count_per_place(now).items() if n}


@pytest.fixture
def places(taxonomy, postgres_only):
    return list(Municipality.objects.order_by("id")[:3])


def test_the_kept_count_follows_every_write(places, stopped_now):
    a, b, c = places
    ads = AdFactory.create_batch(3, municipality=a) + AdFactory.create_batch(2, municipality=b)
    ClosedAdFactory.create_batch(2, municipality=a)
    assert kept(stopped_now) == counted(stopped_now) == {a.pk: 3, b.pk: 2}

    ads[0].status = Ad.Status.WITHDRAWN  # one row saved
    ads[0].save()
    ads[1].municipality = c  # moved to another place
    ads[1].save()
    ads[3].delete()
    assert kept(stopped_now) == counted(stopped_now) == {a.pk: 1, b.pk: 1, c.pk: 1}

    Ad.objects.filter(municipality=a).update(municipality=b)  # many rows, one statement
    Ad.objects.filter(pk=ads[0].pk).update(status=Ad.Status.PUBLISHED)  # live again
    assert kept(stopped_now) == counted(stopped_now) == {b.pk: 3, c.pk: 1}

    Ad.objects.filter(municipality=b).delete()
    assert kept(stopped_now) == counted(stopped_now) == {c.pk: 1}


def test_ads_ended_since_the_sweep_or_not_yet_published_are_not_counted(
    places, stopped_now, stopped_utc
):
    a, b, _ = places
    AdFactory(municipality=a)
    AdFactory(municipality=a, ends_at=stopped_utc + dt.timedelta(minutes=1))
    AdFactory(municipality=b, published_at=stopped_utc + dt.timedelta(hours=1))
    later = stopped_utc + dt.timedelta(minutes=2)  # no write: the flags still say live

    assert kept(stopped_now) == counted(stopped_now) == {a.pk: 2}
    assert kept(later) == counted(later) == {a.pk: 1}
    assert kept(later + dt.timedelta(hours=1)) == {a.pk: 1, b.pk: 1}


def test_an_end_moved_back_and_an_emptied_table_keep_the_count_exact(places, stopped_now):
    a, b, _ = places
    AdFactory.create_batch(2, municipality=a)
    ending = AdFactory(municipality=b)
    Ad.objects.filter(pk=ending.pk).update(ends_at=stopped_now - dt.timedelta(minutes=1))
    assert kept(stopped_now) == counted(stopped_now) == {a.pk: 2}

    with connection.cursor() as cursor:  # as a test database's flush does
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks left pending
        cursor.execute("TRUNCATE jobs_ad CASCADE")
        cursor.execute("SELECT count(*) FROM jobs_live_count")
        assert cursor.fetchone() == (0,)
    AdFactory(municipality=b)
    assert kept(stopped_now) == counted(stopped_now) == {b.pk: 1}
