"""The home page's active ads per county come from a cache that a saved ad clears and that
expires after a minute, so their cost does not grow with the number of ads."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobs.counts import COUNTS_TTL
from taxonomy.models import County
from tests.factories import AdFactory, ClosedAdFactory

pytestmark = pytest.mark.django_db


def count_of(response, county):
    return next(r["count"] for r in response.context["regions"] if r["slug"] == county.slug)


@pytest.fixture
def county(taxonomy):
    return County.objects.order_by("name").first()


def test_the_counts_are_counted_once_then_read_from_the_cache(client, county):
    AdFactory.create_batch(2, municipality=county.municipalities.first())
    client.get("/")  # counts them (and loads the taxonomy)

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")

    assert count_of(response, county) == 2
    assert not any("GROUP BY" in q["sql"] for q in captured.captured_queries)


def test_a_new_or_closed_ad_changes_the_counts_at_once(client, county):
    place = county.municipalities.first()
    ad = AdFactory(municipality=place)
    assert count_of(client.get("/"), county) == 1

    AdFactory(municipality=place)
    assert count_of(client.get("/"), county) == 2
    ad.status = ad.Status.WITHDRAWN
    ad.save()
    assert count_of(client.get("/"), county) == 1


def test_an_ad_ending_by_its_date_leaves_the_counts_within_the_minute(
    client, county, time_machine, stopped_utc
):
    place = county.municipalities.first()
    AdFactory(municipality=place, ends_at=stopped_utc + dt.timedelta(seconds=30))
    AdFactory(municipality=place)
    assert count_of(client.get("/"), county) == 2

    time_machine.move_to(stopped_utc + dt.timedelta(seconds=31), tick=False)
    assert count_of(client.get("/"), county) == 2  # no write: the kept counts still hold

    time_machine.move_to(stopped_utc + dt.timedelta(seconds=COUNTS_TTL + 1), tick=False)
    response = client.get("/")

    assert count_of(response, county) == 1
    assert response.context["active_count"] == 1


def test_the_home_page_costs_the_same_queries_with_few_or_many_ads(client, county):
    place = county.municipalities.first()
    AdFactory.create_batch(2, municipality=place)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")

    AdFactory.create_batch(30, municipality=place)
    ClosedAdFactory.create_batch(10, municipality=place)
    client.get("/")  # counts them again (the ads were saved)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/")

    assert count_of(response, county) == 32
    assert len(few) == len(many) <= 2


def newest_on(response):
    return [row.pk for row in response.context["latest_ads"]]


def test_the_newest_ads_are_kept_and_one_ending_by_its_date_leaves_them_at_once(
    client, county, time_machine, django_assert_num_queries, stopped_utc
):
    place = county.municipalities.first()
    ads = [
        AdFactory(municipality=place, published_at=stopped_utc - dt.timedelta(hours=hours))
        for hours in range(1, 13)
    ]
    ads[0].ends_at = stopped_utc + dt.timedelta(seconds=30)
    ads[0].save()
    assert newest_on(client.get("/")) == [ad.pk for ad in ads[:10]]

    time_machine.move_to(stopped_utc + dt.timedelta(seconds=31), tick=False)
    with django_assert_num_queries(1):  # kept: only the cards' rows are read
        response = client.get("/")

    assert newest_on(response) == [ad.pk for ad in ads[1:11]]  # no gap where it was
    assert count_of(response, county) == 12  # the counts are a minute's figures


def test_a_new_ad_is_first_among_the_newest_at_once(client, county):
    place = county.municipalities.first()
    AdFactory.create_batch(2, municipality=place)
    client.get("/")

    ad = AdFactory(municipality=place, title="Alldeles ny tjänst")
    response = client.get("/")

    assert newest_on(response)[0] == ad.pk
    assert "Alldeles ny tjänst" in response.content.decode()


def test_no_ads_no_newest(client, county, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(0):
        response = client.get("/")

    assert newest_on(response) == []
    assert "Det finns inga lediga tjänster just nu." in response.content.decode()
