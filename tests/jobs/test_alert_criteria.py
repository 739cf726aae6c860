"""An alert is saved for the search the person asked for, or not at all: a filter with an
invalid value is refused with the reason (it was saved as "all new jobs", silently), and so
is a search that narrows nothing (every new job in Sweden, every day)."""

import pytest
from django.urls import reverse

from jobs.models import JobAlert
from privacy.models import ConsentRecord
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_alert_with_an_unknown_county_is_refused_and_says_why(client, taxonomy):
    user = UserFactory()
    client.force_login(user)
    url = reverse("jobs:alert_create")

    page = client.get(url, {"county": "atlantis"}).content.decode()
    response = client.post(url, {"county": "atlantis", "consent": "on"})

    for html in (page, response.content.decode()):
        assert "Den här sökningen kan inte sparas som jobbevakning" in html
        assert "atlantis finns inte bland alternativen" in html
        assert f'href="{reverse("jobs:search")}?county=atlantis"' in html
        assert "Alla nya jobb" not in html
    assert 'name="consent"' not in page
    assert response.status_code == 400
    assert not JobAlert.objects.exists()
    assert not ConsentRecord.objects.exists()


def test_an_invalid_value_beside_a_valid_one_is_refused_too(client, taxonomy):
    client.force_login(UserFactory())

    response = client.post(
        reverse("jobs:alert_create"), {"q": "kock", "extent": "sometimes", "consent": "on"}
    )

    assert response.status_code == 400
    assert not JobAlert.objects.exists()


@pytest.mark.parametrize("search", [{}, {"sort": "newest"}, {"published_within": "1"}])
def test_an_alert_for_every_new_job_is_refused(client, taxonomy, search):
    client.force_login(UserFactory())
    url = reverse("jobs:alert_create")

    page = client.get(url, search).content.decode()
    response = client.post(url, {**search, "consent": "on"})

    assert "En bevakning behöver ord eller ett filter" in page
    assert response.status_code == 400
    assert not JobAlert.objects.exists()


def test_a_search_without_words_or_filters_offers_no_alert(client, taxonomy):
    client.force_login(UserFactory())

    page = client.get(reverse("jobs:search")).content.decode()

    assert reverse("jobs:alert_create") not in page


def test_the_service_refuses_an_alert_for_every_new_job(taxonomy, frozen_now):
    from jobs import search
    from jobs.services import alerts

    with pytest.raises(alerts.AlertError):
        alerts.create_alert(
            user=UserFactory(),
            criteria=search.Criteria(),
            name="",
            wording="x",
            ip=None,
            now=frozen_now,
        )
