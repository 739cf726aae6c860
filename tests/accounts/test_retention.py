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
from companies.models import Membership
from jobs.models import SavedAd
from privacy import registry
from privacy.retention import expiry_date, last_due_clock
from privacy.rules import get_rule
from tests.factories.accounts import DocumentFactory, SeekerProfileFactory, UserFactory
from tests.factories.companies import MembershipFactory
from tests.factories.jobs import AdFactory

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
    enforce(EXPIRY + dt.timedelta(days=400), django_capture_on_commit_callbacks)
    assert User.objects.filter(pk=employer.pk).exists()


# A company's contact person who also uses the site as a job seeker: what they keep as a
# seeker (profile, documents, saved jobs) goes as a seeker's does; the account, its
# addresses and the membership belong to the company's side (contacts.partner) and stay.


@pytest.fixture
def member_with_own_data(frozen_now, taxonomy):
    user = UserFactory(last_seen_on=frozen_now.date())
    membership = MembershipFactory(user=user)
    SeekerProfileFactory(user=user)
    DocumentFactory(owner=user)
    DocumentFactory(owner=user)
    SavedAd.objects.create(user=user, ad=AdFactory())
    return membership


def inactivity_expiry(last_seen):
    return expiry_date(get_rule("seeker.inactive_account"), last_seen)


def own_seeker_data_of(user):
    return [
        SeekerProfile.objects.filter(user=user).exists(),
        Document.objects.filter(owner=user).exists(),
        SavedAd.objects.filter(user=user).exists(),
    ]


def company_side_of(membership):
    return [
        User.objects.filter(pk=membership.user_id).exists(),
        Membership.objects.filter(pk=membership.pk).exists(),
        EmailAddress.objects.filter(user_id=membership.user_id).exists(),
    ]


def test_a_contact_persons_own_seeker_data_are_kept_the_day_before_the_period(
    member_with_own_data, frozen_now, django_capture_on_commit_callbacks
):
    expiry = inactivity_expiry(frozen_now.date())
    enforce(expiry - dt.timedelta(days=1), django_capture_on_commit_callbacks)
    assert own_seeker_data_of(member_with_own_data.user) == [True] * 3
    assert company_side_of(member_with_own_data) == [True] * 3


def test_at_the_period_a_contact_persons_own_seeker_data_go_and_the_companys_stay(
    member_with_own_data, frozen_now, settings, django_capture_on_commit_callbacks
):
    user = member_with_own_data.user
    stored = [settings.MEDIA_ROOT / d.file.name for d in Document.objects.filter(owner=user)]
    enforce(inactivity_expiry(frozen_now.date()), django_capture_on_commit_callbacks)
    assert own_seeker_data_of(user) == [False] * 3
    assert not any(path.exists() for path in stored)
    assert company_side_of(member_with_own_data) == [True] * 3


def test_a_contact_person_is_warned_once_30_days_before_about_their_own_data(
    member_with_own_data, frozen_now, django_capture_on_commit_callbacks
):
    expiry = inactivity_expiry(frozen_now.date())
    enforce(expiry - dt.timedelta(days=31), django_capture_on_commit_callbacks)
    assert mail.outbox == []
    enforce(expiry - dt.timedelta(days=30), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1  # one mail for the profile, two documents and a saved job
    body = mail.outbox[0].body
    assert mail.outbox[0].to == [member_with_own_data.user.email]
    assert (
        f"Din profil, dina dokument och dina sparade jobb raderas den {expiry.isoformat()}." in body
    )
    assert "Ditt konto raderas inte" in body
    assert "/behall-konto/" in body
    enforce(expiry - dt.timedelta(days=29), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_a_contact_person_without_own_seeker_data_gets_no_warning(
    frozen_now, django_capture_on_commit_callbacks
):
    MembershipFactory(user=UserFactory(last_seen_on=frozen_now.date()))
    enforce(
        inactivity_expiry(frozen_now.date()) - dt.timedelta(days=30),
        django_capture_on_commit_callbacks,
    )
    assert mail.outbox == []


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


def test_a_dry_run_counts_one_warning_for_a_contact_person_with_many_rows(
    member_with_own_data, frozen_now
):
    from privacy.enforcement import enforce as run_rules
    from privacy.models import EnforcementRun

    run = run_rules(
        as_of=inactivity_expiry(frozen_now.date()) - dt.timedelta(days=30),
        now=frozen_now,
        trigger=EnforcementRun.Trigger.TEST,
        dry_run=True,
        rule="seeker.inactive_account",
    )
    assert run.counts["seeker.inactive_account"]["warned"] == 1
    assert mail.outbox == []


def test_a_contact_person_is_told_thirty_days_before_their_account_is_switched_off(
    frozen_now, django_capture_on_commit_callbacks
):
    """A company's contact person who keeps nothing as a job seeker had no warning at all:
    their account was switched off unannounced. They are told once, 30 days before, what
    happens and how to keep it; a later clock is not told yet."""
    today = frozen_now.date()
    rule = get_rule("seeker.inactive_account")
    last_seen = last_due_clock(rule, today + dt.timedelta(days=30))
    switched_off = expiry_date(rule, last_seen)
    member = MembershipFactory(user=UserFactory(last_seen_on=last_seen)).user
    MembershipFactory(user=UserFactory(last_seen_on=last_seen + dt.timedelta(days=1)))

    with django_capture_on_commit_callbacks(execute=True):
        before = services.warn_inactive_employers(
            today=today - dt.timedelta(days=1), now=frozen_now
        )
        told = services.warn_inactive_employers(today=today, now=frozen_now)
        again = services.warn_inactive_employers(today=today, now=frozen_now)

    assert (before, told, again) == (0, 1, 0)
    [warning] = mail.outbox
    assert warning.to == [member.email]
    assert f"Ditt konto stängs av den {switched_off.isoformat()}." in warning.body
    assert "raderas inte" in warning.body and "/behall-konto/" in warning.body
    assert "dokument" not in warning.body  # nothing of a job seeker's to delete
    assert services.deactivate_inactive_employers(today=switched_off) == 1


def test_a_contact_person_warned_about_their_own_documents_is_not_told_twice(
    frozen_now, django_capture_on_commit_callbacks
):
    today = frozen_now.date()
    rule = get_rule("seeker.inactive_account")
    last_seen = last_due_clock(rule, today + dt.timedelta(days=30))
    member = MembershipFactory(user=UserFactory(last_seen_on=last_seen)).user
    DocumentFactory(owner=member)

    enforce(today, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.warn_inactive_employers(today=today, now=frozen_now) == 0

    [warning] = mail.outbox
    assert "dokument" in warning.body  # the registry's warning, of their own data
