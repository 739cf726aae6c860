"""ads.public_contact: once an ad stops being active its contact person is on no public page."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.models import Ad
from jobs.services import ads as ad_services
from tests.factories.companies import place_order
from tests.factories.jobs import AdFactory, ClosedAdFactory

pytestmark = pytest.mark.django_db

CONTACT = {
    "contact_name": "Greta Kontaktsson",
    "contact_email": "greta@kontakt.se",
    "contact_phone": "070-999 88 77",
}


def _visible_contact(page: str) -> list[str]:
    return [value for value in CONTACT.values() if value in page]


def _revealed_page(client, ad) -> str:
    response = client.post(reverse("jobs:reveal_contact", args=[ad.pk]), follow=True)
    return response.content.decode()


def test_an_active_ad_shows_its_contact_person_once_revealed(client, taxonomy):
    ad = AdFactory(title="Kontaktannons", **CONTACT)

    assert _visible_contact(_revealed_page(client, ad)) == list(CONTACT.values())


def test_an_expired_ads_contact_data_are_absent_from_its_page(client, taxonomy):
    ad = ClosedAdFactory(title="Kontaktannons", **CONTACT)

    assert _visible_contact(client.get(ad.get_absolute_url(), follow=True).content.decode()) == []
    assert _visible_contact(_revealed_page(client, ad)) == []


@pytest.mark.parametrize("stop", [ad_services.withdraw_ad, ad_services.mark_filled])
def test_a_withdrawn_or_filled_ads_contact_data_disappear_at_once(
    client, taxonomy, employer, company, stop
):
    ad = AdFactory(
        company=company,
        status=Ad.Status.DRAFT,
        published_at=None,
        ends_at=None,
        title="Kontaktannons",
        **CONTACT,
    )
    place_order(ad=ad, by=employer)
    assert _visible_contact(_revealed_page(client, ad))

    stop(ad=ad, by=employer, now=timezone.now())

    assert _visible_contact(_revealed_page(client, ad)) == []


def test_expired_ads_and_their_contacts_are_absent_from_search_results(client, taxonomy):
    closed = ClosedAdFactory(title="Kontaktannons", **CONTACT)
    active = AdFactory(title="Annan annons", **CONTACT)

    page = client.get(reverse("jobs:search")).content.decode()
    assert active.get_absolute_url() in page
    assert closed.get_absolute_url() not in page
    assert _visible_contact(page) == []
    page = client.get(reverse("jobs:search") + "?q=Kontaktannons").content.decode()
    assert closed.get_absolute_url() not in page
    assert _visible_contact(page) == []


def test_staff_still_see_an_expired_ads_contact_person(staff_client, taxonomy):
    ad = ClosedAdFactory(**CONTACT)

    page = staff_client.get(reverse("admin:jobs_moderatedad_change", args=[ad.pk]))

    assert CONTACT["contact_name"] in page.content.decode()


def test_expired_ads_are_absent_from_the_feed_and_the_sitemap(client, taxonomy):
    closed = ClosedAdFactory(title="Stängd annons", **CONTACT)
    active = AdFactory(title="Öppen annons")

    feed = client.get(reverse("jobs:feed")).content.decode()
    assert active.get_absolute_url() in feed
    assert closed.get_absolute_url() not in feed
    assert _visible_contact(feed) == []
    index = client.get(reverse("jobs:sitemap")).content.decode()
    sections = re.findall(r"<loc>http://testserver([^<]+)</loc>", index)
    sitemaps = "".join(client.get(url).content.decode() for url in sections)
    assert active.get_absolute_url() in sitemaps
    assert closed.get_absolute_url() not in sitemaps
