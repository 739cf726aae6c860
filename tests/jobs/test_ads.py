import datetime as dt
import itertools

import pytest
from django.utils import timezone

from jobs.models import Ad
from tests.factories import AdFactory, CompanyFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
# Each moment relative to "now"; None is a date never set.
PUBLISHED = {"never": None, "yesterday": -DAY, "just now": dt.timedelta(0), "tomorrow": DAY}
ENDS = {"never set": None, "yesterday": -DAY, "just now": dt.timedelta(0), "tomorrow": DAY}


def every_kind_of_ad(now):
    """An ad for each status and each publishing moment and end: drafts, ads waiting for
    review, scheduled, open, ended, withdrawn, filled, taken down..."""
    company, ads = CompanyFactory(), {}
    for status, published, ends in itertools.product(Ad.Status.values, PUBLISHED, ENDS):
        ads[status, published, ends] = AdFactory(
            company=company,
            status=status,
            published_at=at(now, PUBLISHED[published]),
            ends_at=at(now, ENDS[ends]),
        )
    return ads


def at(now, offset):
    return None if offset is None else now + offset


def test_the_public_ads_and_is_public_agree_on_every_status_and_date(taxonomy):
    # The current moment, not a frozen one: on PostgreSQL `public()` reads the live flag,
    # which the database writes with its own clock.
    now = timezone.now()
    ads = every_kind_of_ad(now)

    public = set(Ad.objects.public(now).values_list("pk", flat=True))

    assert public == {ad.pk for ad in ads.values() if ad.is_public(now)}
    assert public == {
        ads["published", "yesterday", "tomorrow"].pk,
        ads["published", "just now", "tomorrow"].pk,
    }
    loaded = Ad.objects.in_bulk([ad.pk for ad in ads.values()])
    assert {pk for pk, ad in loaded.items() if ad.is_public(now)} == public
    assert not public & set(Ad.objects.inactive(now).values_list("pk", flat=True))


def test_public_ads_are_found_inside_a_subquery(taxonomy):
    now = timezone.now()
    open_ad = AdFactory()
    AdFactory(status=Ad.Status.WITHDRAWN)

    inner = Ad.objects.public(now).values("pk")

    assert list(Ad.objects.filter(pk__in=inner).values_list("pk", flat=True)) == [open_ad.pk]


@pytest.mark.parametrize(
    "status, published, preview",
    [
        (Ad.Status.DRAFT, None, True),
        (Ad.Status.PENDING_REVIEW, None, True),
        (Ad.Status.PUBLISHED, DAY, True),
        (Ad.Status.PUBLISHED, -DAY, False),
        (Ad.Status.WITHDRAWN, -DAY, False),
        (Ad.Status.TAKEN_DOWN, -DAY, False),
    ],
)
def test_only_an_ad_not_yet_out_is_a_preview(status, published, preview):
    now = timezone.now()
    ad = Ad(status=status, published_at=at(now, published))

    assert ad.is_preview(now) is preview
