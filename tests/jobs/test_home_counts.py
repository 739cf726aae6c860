"""The home page's active ads per county come from a cache that expires after a minute, so
their cost does not grow with the number of ads."""

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


def test_a_new_ad_is_counted_once_the_counts_expire(client, county, stopped_now, time_machine):
    place = county.municipalities.first()
    AdFactory(municipality=place)
    assert count_of(client.get("/"), county) == 1

    AdFactory(municipality=place)
    ClosedAdFactory(municipality=place)
    assert count_of(client.get("/"), county) == 1  # still the cached counts

    time_machine.move_to(stopped_now + dt.timedelta(seconds=COUNTS_TTL + 1), tick=False)
    response = client.get("/")

    assert count_of(response, county) == 2
    assert response.context["active_count"] == 2


def test_the_home_page_costs_the_same_queries_with_few_or_many_ads(
    client, county, django_assert_num_queries
):
    place = county.municipalities.first()
    AdFactory.create_batch(2, municipality=place)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")

    AdFactory.create_batch(30, municipality=place)
    ClosedAdFactory.create_batch(10, municipality=place)
    with CaptureQueriesContext(connection) as many:
        client.get("/")

    assert len(few) == len(many) <= 2
