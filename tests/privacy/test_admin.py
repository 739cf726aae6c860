import datetime as dt
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from jobs.models import AdView
from privacy.models import AccessRequest, EnforcementRun, LegalHold, Restriction
from privacy.selectors import retention_forecast
from tests.factories import AdFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    staff = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(staff, generate_totp_secret())  # staff need a second factor for admin
    return staff


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def test_the_forecast_counts_what_each_rule_will_act_on_within_7_30_and_90_days(
    frozen_now, taxonomy
):
    ad = AdFactory()
    today = frozen_now.date()
    for days_ago in (366 - 5, 366 - 20, 366 - 60, 10):
        AdView.objects.create(
            ad=ad,
            session_hash="x" * 64,
            device_class="desktop",
            occurred_at=timezone.now() - dt.timedelta(days=days_ago),
        )
    rows = {row["rule"].name: row["counts"] for row in retention_forecast(today=today)}
    assert rows["visitors.tracking"] == [1, 2, 3]
    assert AdView.objects.count() == 4  # a forecast changes nothing


def test_staff_see_the_forecast_and_the_run_history_read_only(admin_client):
    EnforcementRun.objects.create(
        trigger="beat",
        started_at=timezone.now(),
        as_of=timezone.localdate(),
        counts={"x": {"acted": 2}},
    )
    page = admin_client.get("/en/admin/privacy/enforcementrun/forecast/")
    assert page.status_code == 200
    assert "Within 90 days" in page.text
    listing = admin_client.get("/en/admin/privacy/enforcementrun/")
    assert listing.status_code == 200
    assert admin_client.get("/en/admin/privacy/enforcementrun/add/").status_code == 403


def test_the_forecast_is_refused_to_non_staff(client):
    client.force_login(UserFactory())
    response = client.get("/en/admin/privacy/enforcementrun/forecast/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_staff_place_and_release_holds_in_admin(admin_client):
    response = admin_client.post(
        "/en/admin/privacy/legalhold/add/",
        {
            "email": "tvist@example.se",
            "content_type": "",
            "object_id": "",
            "reason": "Tvist",
            "ends_on": "",
        },
    )
    assert response.status_code == 302
    from privacy.models import LegalHold

    hold = LegalHold.objects.get()
    assert hold.created_by is not None and hold.created_at
    admin_client.post(
        "/en/admin/privacy/legalhold/", {"action": "release", "_selected_action": [hold.pk]}
    )
    hold.refresh_from_db()
    assert hold.released_at is not None


def test_a_hold_on_both_a_person_and_a_record_is_refused_with_a_message(admin_client):
    from django.contrib.contenttypes.models import ContentType

    from privacy.models import LegalHold

    ct = ContentType.objects.get_for_model(LegalHold)
    response = admin_client.post(
        "/en/admin/privacy/legalhold/add/",
        {
            "email": "tvist@example.se",
            "content_type": ct.pk,
            "object_id": "1",
            "reason": "Tvist",
            "ends_on": "",
        },
    )
    assert response.status_code == 200
    assert "either on a person" in response.text
    assert "privacy_hold_person_or_record" not in response.text  # not the database's words
    assert not LegalHold.objects.exists()


def test_a_hold_cannot_end_in_the_past(admin_client, frozen_now):
    from privacy.models import LegalHold

    response = admin_client.post(
        "/en/admin/privacy/legalhold/add/",
        {"email": "tvist@example.se", "reason": "Tvist", "ends_on": "2020-01-01"},
    )
    assert response.status_code == 200
    assert "A hold cannot end in the past" in response.text
    assert not LegalHold.objects.exists()


# --- Admin writes go through the services: the staff member is `by`, the audit log says so.

HOLDS = "/en/admin/privacy/legalhold/"
RESTRICTIONS = "/en/admin/privacy/restriction/"
REQUESTS = "/en/admin/privacy/accessrequest/"


def hold_form(**fields):
    empty = {"email": "", "content_type": "", "object_id": "", "reason": "Tvist", "ends_on": ""}
    return empty | fields


def test_a_hold_placed_in_admin_is_placed_by_the_staff_member(admin_client, staff):
    from privacy.audit import entries_for
    from privacy.models import AuditEntry, LegalHold

    response = admin_client.post(f"{HOLDS}add/", hold_form(email="Tvist@Example.se"))
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.email, hold.created_by) == ("tvist@example.se", staff)
    assert entries_for(hold).get().event == AuditEntry.Event.HOLD_PLACED
    assert entries_for(hold).get().by == staff


def test_a_hold_released_in_admin_records_the_staff_member(admin_client, staff):
    from privacy import holds
    from privacy.audit import entries_for
    from privacy.models import AuditEntry, LegalHold

    hold = holds.place_hold(email="a@example.se", reason="Tvist", by=None, now=timezone.now())
    admin_client.post(HOLDS, {"action": "release", "_selected_action": [hold.pk]})
    hold = LegalHold.objects.get()
    assert hold.released_by == staff
    released = entries_for(hold).get(event=AuditEntry.Event.HOLD_RELEASED)
    assert released.by == staff


def test_a_hold_changed_in_admin_keeps_whom_it_holds_and_audits_the_change(admin_client, staff):
    from privacy import holds
    from privacy.audit import entries_for
    from privacy.models import AuditEntry, LegalHold

    hold = holds.place_hold(email="a@example.se", reason="Tvist", by=None, now=timezone.now())
    response = admin_client.post(
        f"{HOLDS}{hold.pk}/change/",
        hold_form(email="b@example.se", reason="Tvist om faktura", ends_on="2031-01-01"),
    )
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.email, hold.reason, hold.ends_on) == (
        "a@example.se",
        "Tvist om faktura",
        dt.date(2031, 1, 1),
    )
    changed = entries_for(hold).get(event=AuditEntry.Event.HOLD_CHANGED)
    assert (changed.by, changed.details) == (staff, {"changed": ["reason", "ends_on"]})


def test_a_hold_on_a_record_that_does_not_exist_is_refused(admin_client):
    from django.contrib.contenttypes.models import ContentType

    from privacy.models import LegalHold

    content_type = ContentType.objects.get_for_model(AdView)
    response = admin_client.post(
        f"{HOLDS}add/", hold_form(content_type=content_type.pk, object_id="999999")
    )
    assert response.status_code == 200
    assert "There is no record of that kind with this id." in response.text
    assert not LegalHold.objects.exists()


def test_a_restriction_placed_and_lifted_in_admin_records_the_staff_member(admin_client, staff):
    from privacy.audit import entries_for
    from privacy.models import AuditEntry, Restriction

    response = admin_client.post(
        f"{RESTRICTIONS}add/", {"user": "", "email": "Anna@Example.se", "reason": "Art. 18"}
    )
    assert response.status_code == 302
    restriction = Restriction.objects.get()
    assert (restriction.email, restriction.created_by) == ("anna@example.se", staff)
    admin_client.post(RESTRICTIONS, {"action": "lift", "_selected_action": [restriction.pk]})
    restriction.refresh_from_db()
    assert restriction.lifted_at is not None
    events = {e.event: e.by for e in entries_for(restriction)}
    assert events == {
        AuditEntry.Event.RESTRICTION_PLACED: staff,
        AuditEntry.Event.RESTRICTION_LIFTED: staff,
    }


def test_an_access_request_opened_and_closed_in_admin_records_the_staff_member(admin_client, staff):
    from privacy.audit import entries_for
    from privacy.models import AccessRequest, AuditEntry

    response = admin_client.post(f"{REQUESTS}add/", {"user": "", "email": "anna@example.se"})
    assert response.status_code == 302
    request = AccessRequest.objects.get()
    assert (request.opened_by, request.closed_at) == (staff, None)
    admin_client.post(REQUESTS, {"action": "close", "_selected_action": [request.pk]})
    request.refresh_from_db()
    assert request.closed_at is not None
    events = {e.event: e.by for e in entries_for(request)}
    assert events == {
        AuditEntry.Event.ACCESS_REQUEST_OPENED: staff,
        AuditEntry.Event.ACCESS_REQUEST_CLOSED: staff,
    }


def test_holds_restrictions_and_requests_are_never_edited_or_deleted_by_hand(admin_client):
    from privacy import access, holds, restrictions
    from privacy.models import AccessRequest, Restriction

    now = timezone.now()
    hold = holds.place_hold(email="a@example.se", reason="Tvist", by=None, now=now)
    restriction = restrictions.restrict(email="a@example.se", reason="Art. 18", by=None, now=now)
    request = access.open_access_request(email="a@example.se", by=None, now=now)
    for url in (
        f"{HOLDS}{hold.pk}/delete/",
        f"{RESTRICTIONS}{restriction.pk}/delete/",
        f"{REQUESTS}{request.pk}/delete/",
    ):
        assert admin_client.post(url, {"post": "yes"}).status_code == 403, url
    admin_client.post(
        f"{RESTRICTIONS}{restriction.pk}/change/", {"email": "b@example.se", "reason": "x"}
    )
    admin_client.post(f"{REQUESTS}{request.pk}/change/", {"email": "b@example.se"})
    assert Restriction.objects.get().email == AccessRequest.objects.get().email == "a@example.se"
    listing = admin_client.get(HOLDS).text
    assert 'value="delete_selected"' not in listing


def test_staff_who_may_only_view_restrictions_cannot_lift_them(client):
    from django.contrib.auth.models import Permission

    from privacy import restrictions
    from privacy.models import Restriction

    viewer = UserFactory(is_staff=True)
    TOTP.activate(viewer, generate_totp_secret())
    viewer.user_permissions.add(Permission.objects.get(codename="view_restriction"))
    client.force_login(viewer)
    restriction = restrictions.restrict(
        email="a@example.se", reason="Art. 18", by=None, now=timezone.now()
    )
    assert 'value="lift"' not in client.get(RESTRICTIONS).text
    client.post(RESTRICTIONS, {"action": "lift", "_selected_action": [restriction.pk]})
    assert Restriction.objects.get().lifted_at is None


def test_the_privacy_audit_log_is_read_only(admin_client):
    from privacy import holds
    from privacy.models import AuditEntry

    holds.place_hold(email="a@example.se", reason="Tvist", by=None, now=timezone.now())
    entry = AuditEntry.objects.get()
    assert admin_client.get("/en/admin/privacy/auditentry/").status_code == 200
    assert admin_client.get("/en/admin/privacy/auditentry/add/").status_code == 403
    page = admin_client.get(f"/en/admin/privacy/auditentry/{entry.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.text


# --- One mistake, one message: the model's check constraint does not say it a second time.

ON_ONE = "Put the hold either on a person"
NEEDS_BOTH = "A hold on a record needs both the kind of record and its id."
ON_NOTHING = "Say what the hold keeps"
NO_RECORD = "There is no record of that kind with this id."


@pytest.mark.parametrize(
    ("email", "with_kind", "object_id", "expected"),
    [
        ("tvist@example.se", True, "1", ON_ONE),
        ("", False, "", ON_NOTHING),
        ("", False, "1", NEEDS_BOTH),
        ("", True, "", NEEDS_BOTH),
        ("", True, "999999", NO_RECORD),
    ],
    ids=["person-and-record", "neither", "id-without-kind", "kind-without-id", "no-such-record"],
)
def test_each_mistake_in_whom_a_hold_keeps_is_said_once(
    admin_client, email, with_kind, object_id, expected
):
    from django.contrib.contenttypes.models import ContentType

    from privacy.models import LegalHold

    kind = ContentType.objects.get_for_model(AdView).pk if with_kind else ""
    response = admin_client.post(
        f"{HOLDS}add/", hold_form(email=email, content_type=kind, object_id=object_id)
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    errors = [str(error) for field_errors in form.errors.values() for error in field_errors]
    assert len(errors) == 1 and errors[0].startswith(expected), errors
    assert response.text.count(expected) == 1
    assert not LegalHold.objects.exists()


def test_the_holds_list_says_whom_or_what_each_hold_keeps_why_and_until_when(
    admin_client, frozen_now, taxonomy
):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils.formats import date_format

    from privacy import holds

    ad = AdFactory()
    holds.place_hold(email="tvist@example.se", reason="Tvist om lön", by=None, now=frozen_now)
    ends_on = frozen_now.date() + dt.timedelta(days=30)
    holds.place_hold(record=ad, reason="Granskning", ends_on=ends_on, by=None, now=frozen_now)
    admin_client.get(HOLDS)  # the session's first page reads more than the list
    with CaptureQueriesContext(connection) as two_holds:
        page = admin_client.get(HOLDS)
    assert page.status_code == 200
    assert "tvist@example.se" in page.text and "Tvist om lön" in page.text
    kind = ContentType.objects.get_for_model(ad)
    assert f"{kind.name.capitalize()} {ad.pk}" in page.text and "Granskning" in page.text
    assert f'field-ends_on nowrap">{date_format(ends_on)}<' in page.text
    assert not re.search(r">Legal hold \d+<", page.text)  # not the bare "Legal hold 1"
    holds.place_hold(record=AdFactory(), reason="Mer", by=None, now=frozen_now)
    with CaptureQueriesContext(connection) as three_holds:
        admin_client.get(HOLDS)
    assert len(three_holds) == len(two_holds)  # one query for the list, whatever its length


def _said(response):
    return [str(message) for message in response.context["messages"]]


def test_the_hold_restriction_and_access_request_actions_count_in_singular_and_plural(
    admin_client, frozen_now
):
    from privacy import access, holds, restrictions

    def place(email):
        holds.place_hold(email=email, reason="Tvist", by=None, now=frozen_now)
        restrictions.restrict(email=email, reason="Art. 18", by=None, now=frozen_now)
        access.open_access_request(email=email, by=None, now=frozen_now)

    for emails, expected in [
        (
            ["a@example.se"],
            ["1 hold released.", "1 restriction lifted.", "1 access request closed."],
        ),
        (
            ["b@example.se", "c@example.se"],
            ["2 holds released.", "2 restrictions lifted.", "2 access requests closed."],
        ),
    ]:
        for email in emails:
            place(email)
        said = []
        for url, action in [(HOLDS, "release"), (RESTRICTIONS, "lift"), (REQUESTS, "close")]:
            model = {"release": LegalHold, "lift": Restriction, "close": AccessRequest}[action]
            chosen = list(model.objects.filter(email__in=emails).values_list("pk", flat=True))
            response = admin_client.post(
                url, {"action": action, "_selected_action": chosen}, follow=True
            )
            said += _said(response)
        assert said == expected
