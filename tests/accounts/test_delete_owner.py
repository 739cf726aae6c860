"""The only owner of a company that still has other contact persons or running ads cannot
delete their own account: the company would be left with no one who can act for it, its ads
taking applications no one reads. The page says so before anything is filled in."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import User
from tests.factories import AdFactory, MembershipFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def owner(frozen_now, taxonomy):
    return MembershipFactory(company__name="Ensam Ägare AB", role="owner")


def _signed_in(client, membership):
    client.force_login(membership.user)
    return client


def test_the_only_owner_of_a_company_with_a_live_ad_is_told_before_filling_anything_in(
    client, owner
):
    AdFactory(company=owner.company)

    page = _signed_in(client, owner).get(reverse("accounts:delete_account"))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Du är den enda ägaren av Ensam Ägare AB" in text
    assert 'name="password"' not in text


@pytest.mark.parametrize("left", ["live_ad", "ad_waiting_for_review", "other_member"])
def test_the_only_owner_cannot_delete_the_account(client, owner, left, frozen_now):
    if left == "live_ad":
        AdFactory(company=owner.company)
    elif left == "ad_waiting_for_review":
        AdFactory(company=owner.company, status="pending_review", published_at=None, ends_at=None)
    else:
        MembershipFactory(company=owner.company, role="member")

    response = _signed_in(client, owner).post(
        reverse("accounts:delete_account"), {"password": PASSWORD}
    )

    assert response.status_code == 409
    assert "Du är den enda ägaren av Ensam Ägare AB" in response.content.decode()
    assert User.objects.filter(pk=owner.user_id).exists()
    with pytest.raises(services.AccountError):
        services.delete_account(user=owner.user, by=owner.user, now=frozen_now)


@pytest.mark.parametrize("company", ["another_owner", "only_ended_ads_and_no_one_else"])
def test_an_owner_who_leaves_no_company_without_an_owner_may_delete_the_account(
    client, owner, company, frozen_now, django_capture_on_commit_callbacks
):
    AdFactory(company=owner.company, ends_at=frozen_now - dt.timedelta(days=1))
    if company == "another_owner":
        AdFactory(company=owner.company)
        MembershipFactory(company=owner.company, role="owner")

    with django_capture_on_commit_callbacks(execute=True):
        response = _signed_in(client, owner).post(
            reverse("accounts:delete_account"), {"password": PASSWORD}
        )

    assert response.status_code == 200
    assert "Ditt konto är raderat" in response.content.decode()
    assert not User.objects.filter(pk=owner.user_id).exists()
