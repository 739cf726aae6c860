"""Empty pages say what to do next."""

import pytest
from django.urls import reverse

from tests.factories import AdFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_seeker_without_applications_alerts_or_documents_is_shown_the_next_step(client):
    client.force_login(UserFactory())

    applications = client.get(reverse("jobs:my_applications")).text
    alerts = client.get(reverse("jobs:alerts")).text
    documents = client.get(reverse("accounts:documents")).text

    assert f'class="button" href="{reverse("jobs:search")}"' in applications
    assert f'class="button" href="{reverse("jobs:search")}"' in alerts
    assert "Ladda upp ditt CV" in documents


def test_an_employer_without_applications_is_told_who_hears_of_one(client, taxonomy):
    ad = AdFactory()
    client.force_login(MembershipFactory(company=ad.company).user)

    page = client.get(reverse("jobs:ad_applications", args=[ad.pk])).text

    assert "Vi mejlar annonsens kontaktperson" in page


def test_a_search_without_results_offers_all_jobs(client, taxonomy):
    page = client.get(reverse("jobs:search"), {"q": "finns-inte-alls"}).text

    assert "Se alla lediga jobb" in page
