"""The privacy services are the only writes of holds, restrictions, access requests and
erasure: each records the acting user and leaves its audit entry, and each refuses what it
cannot do with its own error, in words fit for the user (Swedish by default)."""

import datetime as dt

import pytest

from jobs.models import Application
from privacy import access, holds, restrictions, subjects
from privacy.audit import entries_for
from privacy.models import AuditEntry, Restriction
from tests.factories import AdFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(days=3)
Event = AuditEntry.Event


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


def only_entry(target):
    (entry,) = entries_for(target)
    return entry


# --- Legal holds.


def test_placing_a_hold_records_who_placed_it_and_leaves_an_audit_entry(staff):
    hold = holds.place_hold(email="Tvist@Example.se", reason="Tvist", by=staff, now=NOW)
    assert (hold.email, hold.created_by, hold.created_at) == ("tvist@example.se", staff, NOW)
    entry = only_entry(hold)
    assert (entry.event, entry.by, entry.at) == (Event.HOLD_PLACED, staff, NOW)
    assert entry.details == {"on": "person"}
    assert "tvist" not in str(entry.details)


def test_a_hold_needs_a_person_or_a_record_and_a_reason_said_in_swedish(staff):
    with pytest.raises(holds.HoldError, match="antingen på en person"):
        holds.place_hold(reason="Tvist", by=staff, now=NOW)
    with pytest.raises(holds.HoldError, match="behöver ett skäl"):
        holds.place_hold(email="a@example.se", reason="  ", by=staff, now=NOW)
    assert not AuditEntry.objects.exists()


def test_changing_a_hold_records_the_changed_fields_but_never_their_values(staff):
    hold = holds.place_hold(email="a@example.se", reason="Tvist", by=None, now=NOW)
    changed = holds.change_hold(
        hold=hold, reason="Tvist", ends_on=dt.date(2027, 1, 1), by=staff, now=LATER
    )
    assert changed.ends_on == dt.date(2027, 1, 1)
    entry = entries_for(hold).get(event=Event.HOLD_CHANGED)
    assert (entry.by, entry.at, entry.details) == (staff, LATER, {"changed": ["ends_on"]})
    holds.change_hold(hold=hold, reason="Tvist", ends_on=dt.date(2027, 1, 1), by=staff, now=LATER)
    assert entries_for(hold).filter(event=Event.HOLD_CHANGED).count() == 1  # nothing changed


def test_releasing_a_hold_records_who_released_it_once(staff):
    hold = holds.place_hold(email="a@example.se", reason="Tvist", by=None, now=NOW)
    released = holds.release_hold(hold=hold, by=staff, now=LATER)
    assert (released.released_by, released.released_at) == (staff, LATER)
    entry = entries_for(hold).get(event=Event.HOLD_RELEASED)
    assert (entry.by, entry.at) == (staff, LATER)
    with pytest.raises(holds.HoldError, match="redan hävt"):
        holds.release_hold(hold=hold, by=staff, now=LATER)
    with pytest.raises(holds.HoldError, match="fatta ett nytt"):
        holds.change_hold(hold=hold, reason="Ny tvist", ends_on=None, by=staff, now=LATER)


# --- Restrictions.


def test_restricting_records_who_restricted_and_leaves_an_audit_entry(staff):
    user = UserFactory(email="anna@example.se")
    restriction = restrictions.restrict(user=user, reason="Art. 18", by=staff, now=NOW)
    assert (restriction.email, restriction.created_by) == ("anna@example.se", staff)
    entry = only_entry(restriction)
    assert (entry.event, entry.by, entry.at) == (Event.RESTRICTION_PLACED, staff, NOW)
    with pytest.raises(restrictions.RestrictionError, match="användare eller en e-postadress"):
        restrictions.restrict(reason="Art. 18", by=staff, now=NOW)


def test_lifting_one_restriction_leaves_the_persons_other_restrictions(staff):
    asked = restrictions.restrict(email="a@example.se", reason="Art. 18", by=None, now=NOW)
    by_law = restrictions.restrict(email="a@example.se", reason="Erasure", by=None, now=NOW)
    restrictions.lift_restriction(restriction=asked, by=staff, now=LATER)
    assert Restriction.objects.get(pk=asked.pk).lifted_at == LATER
    assert Restriction.objects.get(pk=by_law.pk).lifted_at is None
    entry = entries_for(asked).get(event=Event.RESTRICTION_LIFTED)
    assert (entry.by, entry.at) == (staff, LATER)
    with pytest.raises(restrictions.RestrictionError, match="redan hävd"):
        restrictions.lift_restriction(restriction=asked, by=staff, now=LATER)


def test_lifting_a_persons_restrictions_audits_each_one(staff):
    for reason in ("Art. 18", "Erasure"):
        restrictions.restrict(email="a@example.se", reason=reason, by=None, now=NOW)
    restrictions.restrict(email="b@example.se", reason="Art. 18", by=None, now=NOW)
    assert restrictions.lift_restrictions(email="A@example.se", by=staff, now=LATER) == 2
    lifted = AuditEntry.objects.filter(event=Event.RESTRICTION_LIFTED)
    assert lifted.count() == 2 and {e.by for e in lifted} == {staff}
    assert restrictions.is_restricted(email="b@example.se")


# --- Access requests.


def test_opening_and_closing_an_access_request_records_who_did_it(staff):
    user = UserFactory(email="anna@example.se")
    request = access.open_access_request(user=user, by=None, now=NOW)
    assert (request.email, request.opened_by) == ("anna@example.se", None)
    access.close_access_request(request=request, by=staff, now=LATER)
    opened, closed = entries_for(request).order_by("at")
    assert (opened.event, opened.by, opened.at) == (Event.ACCESS_REQUEST_OPENED, None, NOW)
    assert (closed.event, closed.by, closed.at) == (Event.ACCESS_REQUEST_CLOSED, staff, LATER)
    with pytest.raises(access.AccessRequestError, match="redan avslutad"):
        access.close_access_request(request=request, by=staff, now=LATER)
    with pytest.raises(access.AccessRequestError, match="användare eller en e-postadress"):
        access.open_access_request(by=staff, now=NOW)


# --- Erasure.


@pytest.fixture
def applicant(taxonomy):
    anna = UserFactory(email="anna@example.se")
    Application.objects.create(ad=AdFactory(), seeker=anna, message="Hej")
    return anna


def test_an_erasure_by_staff_leaves_an_audit_entry_with_counts_only(applicant, staff):
    subjects.erase(user=applicant, by=staff, now=NOW)
    entry = AuditEntry.objects.get(event=Event.PERSON_ERASED)
    assert (entry.by, entry.at, entry.object_id) == (staff, NOW, "")
    assert entry.details["deleted"] >= 2  # the application and the account
    assert entry.details["by_the_person"] is False
    assert "anna" not in str(entry.details)


def test_a_person_erasing_themself_is_recorded_without_a_link_to_the_erased_account(
    applicant, bookkeeping
):
    # `bookkeeping` keeps the ad by law: the erasure restricts what stays, in the same
    # transaction as the account's deletion, and neither row may point at the account.
    applicant.applications.update(ad=AdFactory(contact_email="anna@example.se"))
    report = subjects.erase(user=applicant, by=applicant, now=NOW)
    assert report["kept"]
    entry = AuditEntry.objects.get(event=Event.PERSON_ERASED)
    assert (entry.by, entry.details["by_the_person"]) == (None, True)
    restriction = Restriction.objects.get(email="anna@example.se")
    assert restriction.created_by is None
    assert entries_for(restriction).get().by is None


def test_a_dry_run_erasure_leaves_no_audit_entry(applicant, staff):
    subjects.erase(user=applicant, by=staff, now=NOW, dry_run=True)
    assert not AuditEntry.objects.exists()


def test_an_erasure_needs_a_person_said_in_swedish(staff):
    with pytest.raises(subjects.ErasureError, match="användare eller en e-postadress"):
        subjects.erase(email=" ", by=staff, now=NOW)


def test_erasing_a_staff_member_unlinks_them_from_the_audit_log_and_keeps_the_entries(staff):
    hold = holds.place_hold(email="a@example.se", reason="Tvist", by=staff, now=NOW)
    subjects.erase(user=staff, by=None, now=LATER)
    entry = entries_for(hold).get()
    assert entry.by is None and entry.event == Event.HOLD_PLACED
