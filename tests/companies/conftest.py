import datetime as dt

import pytest
from django.utils import timezone

from companies.models import Membership
from tests.factories.companies import CompanyFactory, MembershipFactory, ProductFactory
from tests.factories.jobs import AdFactory


@pytest.fixture
def product(db):
    return ProductFactory()


@pytest.fixture
def owner(db):
    return MembershipFactory(role=Membership.Role.OWNER)


@pytest.fixture
def company(owner):
    return owner.company


@pytest.fixture
def employer(owner):
    return owner.user


@pytest.fixture
def employer_client(client, employer):
    client.force_login(employer)
    return client


def draft_ad_ending_in(company, days: int):
    """An unpublished ad of the company whose last day to apply is `days` from today."""
    return AdFactory(
        company=company,
        status="draft",
        published_at=None,
        ends_at=None,
        last_application_date=timezone.localdate() + dt.timedelta(days=days),
    )


@pytest.fixture
def draft_ad(taxonomy, company):
    return draft_ad_ending_in(company, 20)


@pytest.fixture
def other_company(db):
    return CompanyFactory()


@pytest.fixture
def staff_client(client, admin_user):
    """A staff user with two-factor authentication on (admin requires it)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(admin_user, generate_totp_secret())
    client.force_login(admin_user)
    client.user = admin_user
    return client
