"""A person whose processing is restricted (GDPR art. 18) is not shown on any public page:
a restricted contact person is not on the ad, a restricted company (a sole trader's address
is their own) is not named on the ad, its cards, the feed or the structured data."""

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs.models import ContactView
from privacy import restrictions
from tests.factories import AdFactory

pytestmark = pytest.mark.django_db

CONTACT = ("Karin Lind", "karin.lind@foretaget.se", "070-123 45 67")
COMPANY = "Anna Åkessons Snickeri"


def restrict(email):
    restrictions.restrict(email=email, reason="Art. 18", by=None, now=timezone.now())


@pytest.fixture
def ad(taxonomy):
    return AdFactory(
        title="Snickare",
        company__name=COMPANY,
        company__email="anna@snickeri.se",
    )


def revealed_page(client, ad):
    return client.post(reverse("jobs:reveal_contact", args=[ad.pk]), follow=True).content.decode()


def test_the_contact_person_is_shown_when_not_restricted(client, ad):
    html = revealed_page(client, ad)
    assert all(value in html for value in CONTACT)


def test_a_restricted_contact_person_is_not_shown_on_the_ad_even_when_asked_for(client, ad):
    restrict("Karin.Lind@foretaget.se")
    html = revealed_page(client, ad)
    assert not any(value in html for value in CONTACT)
    assert ContactView.objects.filter(ad=ad).count() == 0
    assert COMPANY in html  # only the person is hidden


def test_a_forged_or_old_reveal_link_shows_a_restricted_contact_person_nothing(client, ad):
    from jobs.views.public import _reveal_token

    restrict("karin.lind@foretaget.se")
    html = client.get(ad.get_absolute_url(), {"contact": _reveal_token(ad)}).content.decode()
    assert not any(value in html for value in CONTACT)


@pytest.mark.parametrize("where", ["home", "search", "search_words", "feed", "ad"])
def test_a_restricted_company_is_not_named_on_public_pages(client, ad, where):
    url = {
        "home": reverse("jobs:home"),
        "search": reverse("jobs:search"),
        "search_words": reverse("jobs:search") + "?q=snickare",
        "feed": reverse("jobs:feed"),
        "ad": ad.get_absolute_url(),
    }[where]
    assert COMPANY in client.get(url).content.decode()
    restrict("anna@snickeri.se")
    html = client.get(url).content.decode()
    assert "Snickare" in html
    assert COMPANY not in html


def test_a_restricted_company_has_no_structured_data(client, ad):
    restrict("anna@snickeri.se")
    html = client.get(ad.get_absolute_url()).content.decode()
    assert "application/ld+json" not in html


def test_a_similar_ad_card_does_not_name_a_restricted_company(client, ad, taxonomy):
    ended = AdFactory(
        occupation=ad.occupation,
        status="filled",
        ends_at=timezone.now() - timezone.timedelta(days=1),
    )
    restrict("anna@snickeri.se")
    html = client.get(ended.get_absolute_url()).content.decode()
    assert "Snickare" in html
    assert COMPANY not in html


def test_a_lifted_restriction_shows_the_company_again(client, ad):
    restrict("anna@snickeri.se")
    restrictions.lift_restrictions(email="anna@snickeri.se", by=None, now=timezone.now())
    assert COMPANY in client.get(ad.get_absolute_url()).content.decode()
