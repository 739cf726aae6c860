import datetime as dt

import pytest
from django.utils import timezone

from privacy import consent, restrictions
from privacy.consent import ConsentMethod, Purpose
from privacy.models import ConsentRecord, ConsentWording, Suppression
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
WORDING = "Ja, skicka mig nyhetsbrevet. Du kan avsluta när du vill."


def give(**kwargs):
    defaults = {
        "purpose": Purpose.NEWSLETTER,
        "wording": WORDING,
        "method": ConsentMethod.FORM,
        "ip": "192.0.2.7",
        "now": NOW,
    }
    return consent.give_consent(**(defaults | kwargs))


def test_consent_records_who_what_wording_when_and_how():
    record = give(email="Anna@Example.se")
    assert record.email == "anna@example.se"
    assert record.wording.text == WORDING
    assert record.given_at == NOW
    assert (record.method, record.ip_address) == (ConsentMethod.FORM, "192.0.2.0")  # its network
    assert consent.has_consent(purpose=Purpose.NEWSLETTER, email="anna@example.se")
    assert not consent.has_consent(purpose=Purpose.JOB_ALERTS, email="anna@example.se")


def test_the_same_wording_is_one_version_and_a_new_text_is_the_next():
    first = give(email="a@example.se").wording
    again = give(email="b@example.se").wording
    changed = give(email="c@example.se", wording=WORDING + " Max ett mejl i månaden.").wording
    assert first == again
    assert (first.version, changed.version) == (1, 2)
    assert ConsentWording.objects.count() == 2


def test_a_users_consent_is_found_by_user_and_by_address():
    user = UserFactory()
    give(user=user, purpose=Purpose.JOB_ALERTS)
    assert consent.has_consent(purpose=Purpose.JOB_ALERTS, user=user)
    assert consent.has_consent(purpose=Purpose.JOB_ALERTS, email=user.email)


def test_withdrawal_ends_consent_and_is_recorded_as_proof():
    give(email="anna@example.se")
    later = NOW + dt.timedelta(days=3)
    assert (
        consent.withdraw_consent(
            purpose=Purpose.NEWSLETTER,
            email="anna@example.se",
            method=ConsentMethod.UNSUBSCRIBE_LINK,
            now=later,
        )
        == 1
    )
    record = ConsentRecord.objects.get()
    assert (record.withdrawn_at, record.ended_at, record.last_used_at) == (later, later, later)
    assert record.withdrawal_method == ConsentMethod.UNSUBSCRIBE_LINK
    assert not consent.has_consent(purpose=Purpose.NEWSLETTER, email="anna@example.se")


def test_marking_consent_used_moves_its_clock():
    give(email="anna@example.se")
    later = NOW + dt.timedelta(days=40)
    consent.mark_consent_used(purpose=Purpose.NEWSLETTER, email="anna@example.se", now=later)
    assert ConsentRecord.objects.get().last_used_at == later


def test_deleting_a_withdrawn_consents_proof_leaves_a_salted_hash_on_the_suppression_list(settings):
    settings.SUPPRESSION_SALT = "pepper"
    give(email="anna@example.se")
    consent.withdraw_consent(
        purpose=Purpose.NEWSLETTER,
        email="anna@example.se",
        method=ConsentMethod.UNSUBSCRIBE_LINK,
        now=NOW,
    )
    ConsentRecord.objects.all().delete()
    stored = Suppression.objects.get().email_hash
    assert "anna" not in stored and len(stored) == 64
    assert consent.is_suppressed("ANNA@example.se")
    assert not consent.is_suppressed("bertil@example.se")
    assert not consent.has_consent(purpose=Purpose.NEWSLETTER, email="anna@example.se")


def test_a_lapsed_consents_proof_goes_without_suppressing_the_address():
    give(email="anna@example.se")
    consent.lapse_consent(purpose=Purpose.NEWSLETTER, email="anna@example.se", now=NOW)
    ConsentRecord.objects.all().delete()
    assert not consent.is_suppressed("anna@example.se")  # she never said no
    assert not consent.has_consent(purpose=Purpose.NEWSLETTER, email="anna@example.se")


def test_a_fresh_consent_lifts_the_suppression():
    consent.suppress(email="anna@example.se")
    give(email="anna@example.se", now=timezone.now())
    assert not consent.is_suppressed("anna@example.se")


def test_consent_needs_a_person_and_a_wording():
    with pytest.raises(consent.ConsentError):
        give()
    with pytest.raises(consent.ConsentError):
        give(email="a@example.se", wording="  ")


def test_a_restricted_person_is_flagged_by_user_and_by_address():
    user = UserFactory()
    assert not restrictions.is_restricted(user=user)
    restrictions.restrict(user=user, reason="Bestrider uppgifternas riktighet", by=None, now=NOW)
    assert restrictions.is_restricted(user=user)
    assert restrictions.is_restricted(email=user.email.upper())
    restrictions.lift_restrictions(user=user, by=None, now=NOW)
    assert not restrictions.is_restricted(user=user)
