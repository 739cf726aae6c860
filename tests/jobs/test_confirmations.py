"""Destructive actions ask first: the list shows a quiet link, GET shows what will happen
with a way back, and only the POST from that page acts."""

import pytest
from django.urls import reverse

from jobs.models import Ad, Application, JobAlert
from tests.factories import AdFactory, MembershipFactory, UserFactory
from tests.factories.jobs import ApplicationFactory, JobAlertFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer_ad(client, taxonomy):
    ad = AdFactory(title="Snickare")
    client.force_login(MembershipFactory(company=ad.company).user)
    return ad


@pytest.mark.parametrize("route", ["companies:ad_withdraw", "companies:ad_fill"])
def test_stopping_a_paid_ad_asks_first_and_changes_nothing_until_confirmed(
    client, employer_ad, route
):
    url = reverse(route, args=[employer_ad.pk])

    page = client.get(url)

    assert page.status_code == 200
    assert "Snickare" in page.text
    assert "ny beställning" in page.text  # getting it back takes a new order
    assert f'href="{reverse("companies:dashboard", args=[employer_ad.company_id])}"' in page.text
    employer_ad.refresh_from_db()
    assert employer_ad.status == Ad.Status.PUBLISHED

    assert client.post(url).status_code == 302
    employer_ad.refresh_from_db()
    assert employer_ad.status != Ad.Status.PUBLISHED


def test_the_dashboard_links_to_the_confirmation_instead_of_acting(client, employer_ad):
    page = client.get(reverse("companies:dashboard", args=[employer_ad.company_id])).text

    withdraw = reverse("companies:ad_withdraw", args=[employer_ad.pk])
    assert f'button-secondary-danger" href="{withdraw}"' in page
    assert f'action="{withdraw}"' not in page


def test_another_company_cannot_see_the_confirmation(client, taxonomy):
    ad = AdFactory()
    client.force_login(MembershipFactory().user)

    assert client.get(reverse("companies:ad_withdraw", args=[ad.pk])).status_code == 404


def test_withdrawing_an_application_asks_first(client, taxonomy):
    application = ApplicationFactory(ad__title="Bagare")
    client.force_login(application.seeker)
    url = reverse("jobs:withdraw_application", args=[application.pk])

    page = client.get(url)

    assert page.status_code == 200
    assert "Bagare" in page.text
    assert "Dra tillbaka och radera" in page.text
    assert Application.objects.filter(pk=application.pk).exists()
    mine = client.get(reverse("jobs:my_applications")).text
    assert f'action="{url}"' not in mine
    assert f'href="{url}"' in mine

    client.post(url)
    assert not Application.objects.filter(pk=application.pk).exists()


def test_another_seeker_cannot_see_the_withdrawal_confirmation(client, taxonomy):
    application = ApplicationFactory()
    client.force_login(UserFactory())

    url = reverse("jobs:withdraw_application", args=[application.pk])
    assert client.get(url).status_code == 404


def test_removing_a_job_alert_asks_first(client, taxonomy):
    alert = JobAlertFactory()
    client.force_login(alert.user)
    url = reverse("jobs:alert_delete", args=[alert.pk])

    assert client.get(url).status_code == 200
    assert JobAlert.objects.get(pk=alert.pk).is_running

    client.post(url)
    assert not JobAlert.objects.get(pk=alert.pk).is_running


def test_anonymous_visitors_are_sent_to_sign_in(client, taxonomy):
    alert = JobAlertFactory()
    response = client.get(reverse("jobs:alert_delete", args=[alert.pk]))
    assert response.status_code == 302
    assert "/konto/logga-in/" in response["Location"]
