"""seeker.inactive_account: one year after the last day seen signed in, the seeker's account
and everything declared with it goes; a warning goes 30 days before; employers are only
deactivated."""

import datetime as dt
import io

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.core.management import call_command

from accounts import services
from accounts.models import Document, SeekerProfile, User
from privacy import registry
from tests.factories.accounts import DocumentFactory, SeekerProfileFactory, UserFactory
from tests.factories.companies import MembershipFactory

pytestmark = pytest.mark.django_db
LAST_SEEN = dt.date(2025, 11, 25)
EXPIRY = dt.date(2026, 11, 25)


@pytest.fixture
def seeker_with_everything():
    user = UserFactory(last_seen_on=LAST_SEEN)
    SeekerProfileFactory(user=user)
    DocumentFactory(owner=user)
    TOTP.activate(user, generate_totp_secret())
    return user


def enforce(as_of, capture):
    with capture(execute=True):
        call_command(
            "enforce_retention",
            "--as-of",
            as_of.isoformat(),
            "--rule",
            "seeker.inactive_account",
            stdout=io.StringIO(),
        )


def everything_of(user):
    return [
        User.objects.filter(pk=user.pk).exists(),
        SeekerProfile.objects.filter(user=user).exists(),
        Document.objects.filter(owner=user).exists(),
        EmailAddress.objects.filter(user=user).exists(),
        Authenticator.objects.filter(user=user).exists(),
    ]


def test_every_accounts_model_with_personal_data_is_declared_or_exempt():
    declared = {d.model.lower() for d in registry.declarations()}
    for model in (
        "accounts.user",
        "accounts.seekerprofile",
        "accounts.document",
        "account.emailaddress",
        "mfa.authenticator",
    ):
        assert model in declared, model
    exempt = {e.model.lower() for e in registry.exemptions()}
    assert "account.emailconfirmation" in exempt


def test_the_day_before_expiry_everything_is_kept(
    seeker_with_everything, django_capture_on_commit_callbacks
):
    enforce(EXPIRY - dt.timedelta(days=1), django_capture_on_commit_callbacks)
    assert everything_of(seeker_with_everything) == [True] * 5


def test_on_the_day_of_expiry_everything_is_deleted_with_the_files(
    seeker_with_everything, settings, django_capture_on_commit_callbacks
):
    stored = [
        settings.MEDIA_ROOT / d.file.name
        for d in Document.objects.filter(owner=seeker_with_everything)
    ]
    enforce(EXPIRY, django_capture_on_commit_callbacks)
    assert everything_of(seeker_with_everything) == [False] * 5
    assert not any(path.exists() for path in stored)


def test_signing_in_moves_the_deadline(seeker_with_everything, django_capture_on_commit_callbacks):
    services.record_activity(user=seeker_with_everything, today=dt.date(2026, 6, 1))
    enforce(EXPIRY, django_capture_on_commit_callbacks)
    assert everything_of(seeker_with_everything) == [True] * 5


def test_an_employer_is_not_deleted_by_the_seeker_rule(django_capture_on_commit_callbacks):
    employer = MembershipFactory(user=UserFactory(last_seen_on=LAST_SEEN)).user
    DocumentFactory(owner=employer)
    enforce(EXPIRY + dt.timedelta(days=400), django_capture_on_commit_callbacks)
    assert User.objects.filter(pk=employer.pk).exists()
    assert Document.objects.filter(owner=employer).exists()


def test_staff_are_not_deleted_by_the_seeker_rule(django_capture_on_commit_callbacks):
    staff = UserFactory(last_seen_on=LAST_SEEN, is_staff=True)
    enforce(EXPIRY, django_capture_on_commit_callbacks)
    assert User.objects.filter(pk=staff.pk).exists()


def test_the_warning_goes_30_days_before_and_only_once(
    seeker_with_everything, django_capture_on_commit_callbacks
):
    enforce(EXPIRY - dt.timedelta(days=31), django_capture_on_commit_callbacks)
    assert mail.outbox == []
    enforce(EXPIRY - dt.timedelta(days=30), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [seeker_with_everything.email]
    assert EXPIRY.isoformat() in mail.outbox[0].body
    assert "/behall-konto/" in mail.outbox[0].body
    enforce(EXPIRY - dt.timedelta(days=29), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_an_employer_inactive_a_year_is_deactivated_not_deleted():
    employer = MembershipFactory(user=UserFactory(last_seen_on=LAST_SEEN)).user
    seeker = UserFactory(last_seen_on=LAST_SEEN)
    assert services.deactivate_inactive_employers(today=EXPIRY - dt.timedelta(days=1)) == 0
    assert services.deactivate_inactive_employers(today=EXPIRY) == 1
    employer.refresh_from_db()
    seeker.refresh_from_db()
    assert employer.is_active is False
    assert seeker.is_active is True
