"""The suppression list stops our own initiative (job alerts, the newsletter) towards someone
who said no or was erased; it does not cut off the mail of a live relationship: the account a
person still has, or has again, gets its service mail."""

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.utils import timezone

from accounts import services as account_services
from jobs import search
from jobs.services import alerts, applications
from mailer import services as mailer
from mailer.services import MailKind
from privacy import consent, enforcement, subjects
from privacy.models import EnforcementRun
from tests.factories import AdFactory, UserFactory

pytestmark = pytest.mark.django_db


def save_alert(user, now):
    """A job alert of a seeker whose address is verified: the consent is in the ledger."""
    return alerts.create_alert(
        user=user,
        criteria=search.Criteria(q="snickare"),
        name="Snickare",
        wording=alerts.CONSENT_WORDING,
        ip=None,
        now=now,
    )


def apply(seeker, now, capture):
    ad = AdFactory()
    with capture(execute=True):
        applications.submit_application(ad=ad, seeker=seeker, message="Hej!", now=now)
    return ad


def test_a_seeker_whose_withdrawn_alerts_proof_is_gone_still_gets_receipts_and_the_warning(
    frozen_now, taxonomy, django_capture_on_commit_callbacks
):
    seeker = UserFactory(email="anna@example.se")
    withdrawn = frozen_now - relativedelta(years=2, days=30)
    alerts.delete_alert(alert=save_alert(seeker, withdrawn), now=withdrawn)
    enforcement.enforce(
        as_of=timezone.localdate(frozen_now),
        now=frozen_now,
        trigger=EnforcementRun.Trigger.TEST,
        rule="seeker.job_alert_consent",
    )
    assert consent.is_suppressed("anna@example.se")  # the proof went; the "no" stays

    ad = apply(seeker, frozen_now, django_capture_on_commit_callbacks)
    account_services.send_inactivity_warning(
        seeker, timezone.localdate(frozen_now) + dt.timedelta(days=30)
    )

    receipt, warning = (m for m in mail.outbox if m.to == ["anna@example.se"])
    assert receipt.subject == f"Din ansökan: {ad.title}"
    assert "/behall-konto/" in warning.body  # "sign in to keep your account"
    assert not mailer.may_send(to="anna@example.se", kind=MailKind.MARKETING)


def test_a_person_who_signs_up_again_after_an_erasure_gets_receipts_but_no_marketing(
    frozen_now, taxonomy, django_capture_on_commit_callbacks
):
    erased = UserFactory(email="anna@example.se")
    save_alert(erased, frozen_now - dt.timedelta(days=90))
    subjects.erase(user=erased, by=erased, now=frozen_now - dt.timedelta(days=60))
    assert consent.is_suppressed("anna@example.se")

    # She signs up again with the same address and confirms it (the factory's verified address).
    again = UserFactory(email="anna@example.se")
    ad = apply(again, frozen_now, django_capture_on_commit_callbacks)

    assert [m.subject for m in mail.outbox if m.to == ["anna@example.se"]] == [
        f"Din ansökan: {ad.title}"
    ]
    assert consent.is_suppressed("anna@example.se")  # the sign-up lifted nothing
    assert not mailer.may_send(to="anna@example.se", kind=MailKind.MARKETING, user=again)
    assert not consent.has_consent(purpose=alerts.PURPOSE, user=again)


def test_marketing_to_a_suppressed_account_waits_for_a_new_consent(frozen_now):
    user = UserFactory(email="anna@example.se")
    consent.suppress(email="anna@example.se")
    assert mailer.may_send(to="anna@example.se", kind=MailKind.SERVICE)
    assert not mailer.may_send(to="anna@example.se", kind=MailKind.MARKETING)

    save_alert(user, frozen_now)  # a new consent, given after the suppression

    assert mailer.may_send(to="anna@example.se", kind=MailKind.MARKETING)
    assert consent.has_consent(purpose=alerts.PURPOSE, user=user)


@pytest.mark.parametrize(
    "account",
    [
        {"verified": False},  # signed up, never confirmed the address: not proven theirs
        {"is_active": False},  # closed (e.g. kept under a legal hold after an erasure)
        {"email": "annan@example.se"},  # an account, but of another address
    ],
    ids=["unconfirmed", "inactive", "other-address"],
)
def test_service_mail_to_a_suppressed_address_needs_its_active_confirmed_account(account):
    user = UserFactory(**{"email": "anna@example.se", **account})
    consent.suppress(email="anna@example.se")

    assert not mailer.may_send(to="anna@example.se", kind=MailKind.SERVICE, user=user)
    assert not mailer.may_send(to="anna@example.se", kind=MailKind.SERVICE)
