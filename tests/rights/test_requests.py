import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from privacy.access import has_open_request
from privacy.models import AccessRequest
from rights.models import Channel, DataRequest, Kind, RequestEvent, Status
from rights.services import RequestError, requests
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _link(message) -> tuple[int, str]:
    match = re.search(r"/dina-rattigheter/bekrafta/(\d+)/([^/\s]+)/", message.body)
    assert match, message.body
    return int(match.group(1)), match.group(2)


def test_a_web_request_waits_for_its_address_to_be_verified(frozen_now):
    filed = requests.file_request(
        kind=Kind.ACCESS, email=" Anna@Example.se ", language="sv", now=frozen_now
    )
    assert filed.email == "anna@example.se"
    assert filed.status == Status.RECEIVED and filed.verified_at is None
    assert filed.due_on == dt.date(2026, 12, 25)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anna@example.se"]
    pk, token = _link(mail.outbox[0])
    assert pk == filed.pk
    verified = requests.verify_request(pk=pk, token=token, now=frozen_now)
    assert verified.status == Status.VERIFIED and verified.verified_at == frozen_now
    assert list(verified.events.values_list("action", flat=True)) == ["received", "verified"]


def test_the_link_is_used_once(frozen_now):
    requests.file_request(kind=Kind.ERASURE, email="a@example.se", language="sv", now=frozen_now)
    pk, token = _link(mail.outbox[0])
    requests.verify_request(pk=pk, token=token, now=frozen_now)
    with pytest.raises(RequestError):
        requests.verify_request(pk=pk, token=token, now=frozen_now)


def test_a_used_link_says_the_request_is_already_confirmed_and_what_comes_next(frozen_now):
    filed = requests.file_request(
        kind=Kind.ACCESS, email="a@example.se", language="sv", now=frozen_now
    )
    pk, token = _link(mail.outbox[0])
    url = reverse("rights:verify", args=[pk, token])
    client = Client()
    assert (
        "Bekräfta begäran</button>" in client.get(url).text
    )  # first the button (mail scanners GET)
    assert "din begäran är bekräftad" in client.post(url).text

    for again in (client.get(url), client.post(url)):  # the link opened again, or resent
        assert again.status_code == 200
        assert "Bekräfta begäran</button>" not in again.text
        assert "Din begäran är redan bekräftad" in again.text
        due = f'<span class="date">{filed.due_on:%Y-%m-%d}</span>'  # never broken at a hyphen
        assert f"Vi svarar senast {due}" in again.text
    assert list(filed.events.values_list("action", flat=True)) == ["received", "verified"]


def test_a_wrong_token_for_a_confirmed_request_does_not_tell_that_it_is_confirmed(frozen_now):
    requests.file_request(kind=Kind.ACCESS, email="a@example.se", language="sv", now=frozen_now)
    pk, token = _link(mail.outbox[0])
    requests.verify_request(pk=pk, token=token, now=frozen_now)
    for method in ("get", "post"):
        response = getattr(Client(), method)(reverse("rights:verify", args=[pk, "made-up"]))
        assert response.status_code == 400
        assert "bekräftad" not in response.text and "Bekräfta begäran</button>" not in response.text


def test_the_link_expires_after_24_hours(frozen_now):
    requests.file_request(kind=Kind.ERASURE, email="a@example.se", language="sv", now=frozen_now)
    pk, token = _link(mail.outbox[0])
    with pytest.raises(RequestError):
        requests.verify_request(pk=pk, token=token, now=frozen_now + dt.timedelta(hours=24))
    assert DataRequest.objects.get(pk=pk).verified_at is None
    # A second before the end it still works.
    requests.verify_request(
        pk=pk, token=token, now=frozen_now + dt.timedelta(hours=24) - dt.timedelta(seconds=1)
    )


def test_a_link_for_another_address_is_refused(frozen_now):
    requests.file_request(kind=Kind.ACCESS, email="a@example.se", language="sv", now=frozen_now)
    requests.file_request(kind=Kind.ACCESS, email="b@example.se", language="sv", now=frozen_now)
    pk_a, token_a = _link(mail.outbox[0])
    pk_b, _token_b = _link(mail.outbox[1])
    with pytest.raises(RequestError):
        requests.verify_request(pk=pk_b, token=token_a, now=frozen_now)
    with pytest.raises(RequestError):
        requests.verify_request(pk=pk_a, token="made-up", now=frozen_now)
    assert not DataRequest.objects.verified().exists()


def test_a_verified_access_request_holds_the_data_until_it_is_closed(frozen_now, handler):
    anna = UserFactory(email="anna@example.se")
    filed = requests.file_request(
        kind=Kind.ACCESS, email="anna@example.se", language="sv", now=frozen_now
    )
    assert not has_open_request(user=anna)
    pk, token = _link(mail.outbox[0])
    filed = requests.verify_request(pk=pk, token=token, now=frozen_now)
    assert filed.user == anna  # linked to the account with the address
    assert has_open_request(user=anna)
    requests.complete_request(request=filed, outcome="Report sent.", by=handler, now=frozen_now)
    assert not has_open_request(user=anna)
    assert DataRequest.objects.get(pk=filed.pk).status == Status.COMPLETED


def test_signed_in_requests_are_verified_already(frozen_now):
    anna = UserFactory(email="anna@example.se")
    filed = requests.file_signed_in(user=anna, kind=Kind.ACCESS, language="en", now=frozen_now)
    assert filed.channel == Channel.ACCOUNT and filed.status == Status.VERIFIED
    assert filed.language == "en"
    assert AccessRequest.objects.open().filter(user=anna).exists()


def test_staff_enter_a_request_received_by_letter(frozen_now, handler):
    letter_day = frozen_now - dt.timedelta(days=3)
    filed = requests.enter_request(
        kind=Kind.RECTIFICATION,
        email="c@example.se",
        received_at=letter_day,
        by=handler,
        now=frozen_now,
    )
    assert filed.channel == Channel.STAFF and filed.verified_at == frozen_now
    assert filed.due_on == dt.date(2026, 12, 22)
    assert filed.events.first().by == handler
    with pytest.raises(RequestError):
        requests.enter_request(
            kind=Kind.ACCESS,
            email="c@example.se",
            received_at=frozen_now + dt.timedelta(days=1),
            by=handler,
            now=frozen_now,
        )


def test_one_extension_by_at_most_two_months_with_a_reason_mailed(frozen_now, handler):
    filed = requests.enter_request(
        kind=Kind.ACCESS, email="d@example.se", by=handler, now=frozen_now
    )
    mail.outbox.clear()
    with pytest.raises(RequestError):
        requests.extend_request(request=filed, months=3, reason="Many", by=handler, now=frozen_now)
    with pytest.raises(RequestError):
        requests.extend_request(request=filed, months=2, reason=" ", by=handler, now=frozen_now)
    extended = requests.extend_request(
        request=filed, months=2, reason="Tusentals dokument", by=handler, now=frozen_now
    )
    assert extended.due_on == dt.date(2027, 2, 25)
    assert len(mail.outbox) == 1 and "Tusentals dokument" in mail.outbox[0].body
    assert "2027-02-25" in mail.outbox[0].body
    with pytest.raises(RequestError, match="bara förlängas en gång"):
        requests.extend_request(
            request=extended, months=1, reason="Mer", by=handler, now=frozen_now
        )
    event = extended.events.get(action=RequestEvent.Action.EXTENDED)
    assert event.details == {"old": "2026-12-25", "new": "2027-02-25"} and event.by == handler


def test_an_extension_is_refused_once_the_first_deadline_has_passed(frozen_now, handler):
    """Art. 12(3): the person is told of an extension within the month; a late one would
    also hide the overdue request from the deadline watch."""
    filed = requests.enter_request(
        kind=Kind.ERASURE,
        email="e@example.se",
        received_at=frozen_now - dt.timedelta(days=48),
        by=handler,
        now=frozen_now,
    )
    mail.outbox.clear()
    last_day = dt.datetime.combine(filed.due_on, dt.time(20), tzinfo=frozen_now.tzinfo)
    next_day = last_day + dt.timedelta(days=1)

    with pytest.raises(RequestError, match="Tidsfristen har gått ut"):
        requests.extend_request(request=filed, months=1, reason="Mer", by=handler, now=next_day)

    filed.refresh_from_db()
    assert not filed.extended and not mail.outbox
    extended = requests.extend_request(
        request=filed, months=1, reason="Mer", by=handler, now=last_day
    )
    assert extended.extended


def test_a_refusal_needs_a_reason_and_mails_it(frozen_now, handler):
    filed = requests.enter_request(
        kind=Kind.ERASURE, email="e@example.se", by=handler, now=frozen_now
    )
    mail.outbox.clear()
    with pytest.raises(RequestError):
        requests.refuse_request(request=filed, reason="", by=handler, now=frozen_now)
    refused = requests.refuse_request(
        request=filed, reason="Uppenbart ogrundad", by=handler, now=frozen_now
    )
    assert refused.status == Status.REFUSED and refused.closed_at == frozen_now
    assert "Uppenbart ogrundad" in mail.outbox[0].body
    assert "imy.se" in mail.outbox[0].body
    with pytest.raises(RequestError):
        requests.set_status(request=refused, status=Status.IN_PROGRESS, by=handler, now=frozen_now)


def test_a_request_refused_before_it_is_verified_stays_closed(frozen_now, handler):
    """The link still in the mail cannot open it again (nor hold the person's data), and
    the reason goes to no one: nobody has shown the address is theirs."""
    filed = requests.file_request(
        kind=Kind.ACCESS, email="spam@example.se", language="sv", now=frozen_now
    )
    pk, token = _link(mail.outbox[0])
    mail.outbox.clear()
    requests.refuse_request(request=filed, reason="Skräppost", by=handler, now=frozen_now)
    assert not mail.outbox
    with pytest.raises(RequestError):
        requests.verify_request(pk=pk, token=token, now=frozen_now)
    stored = DataRequest.objects.get(pk=pk)
    assert stored.status == Status.REFUSED and stored.verified_at is None
    assert not AccessRequest.objects.exists()
    Client().post(reverse("rights:verify", args=[pk, token]))  # the link, from the mail
    assert DataRequest.objects.get(pk=pk).status == Status.REFUSED


def test_the_answer_names_the_right_in_the_persons_language(frozen_now, handler):
    filed = requests.enter_request(
        kind=Kind.ACCESS, email="e@example.se", language="en", by=handler, now=frozen_now
    )
    mail.outbox.clear()
    with translation.override("sv"):  # the staff member's admin
        requests.refuse_request(request=filed, reason="Excessive", by=handler, now=frozen_now)
    assert "Access (art. 15)" in mail.outbox[0].body and "Tillgång" not in mail.outbox[0].body


def test_status_and_assignment_go_on_the_timeline(frozen_now, handler):
    filed = requests.enter_request(
        kind=Kind.ACCESS, email="f@example.se", by=handler, now=frozen_now
    )
    requests.set_status(request=filed, status=Status.WAITING, by=handler, now=frozen_now)
    requests.assign_request(request=filed, assignee=handler, by=handler, now=frozen_now)
    with pytest.raises(RequestError):
        requests.assign_request(request=filed, assignee=UserFactory(), by=handler, now=frozen_now)
    with pytest.raises(RequestError):
        requests.set_status(request=filed, status=Status.COMPLETED, by=handler, now=frozen_now)
    actions = list(filed.events.values_list("action", flat=True))
    assert actions == ["received", "verified", "status", "assigned"]


def test_unverified_requests_are_deleted_after_7_days(frozen_now, handler):
    old = requests.file_request(
        kind=Kind.ACCESS, email="g@example.se", language="sv", now=frozen_now
    )
    kept = requests.enter_request(
        kind=Kind.ACCESS, email="h@example.se", by=handler, now=frozen_now
    )
    seven_days = frozen_now + dt.timedelta(days=7)
    assert requests.delete_unverified(now=seven_days) == 0
    assert requests.delete_unverified(now=seven_days + dt.timedelta(seconds=1)) == 1
    assert not DataRequest.objects.filter(pk=old.pk).exists()
    assert DataRequest.objects.filter(pk=kept.pk).exists()


def test_an_unknown_right_is_refused(frozen_now):
    with pytest.raises(RequestError):
        requests.file_request(kind="telepathy", email="a@example.se", language="sv", now=frozen_now)


# --- the public page


def test_the_page_answers_the_same_whether_or_not_the_address_is_known(frozen_now):
    UserFactory(email="known@example.se")
    client = Client()
    answers = []
    for address in ("known@example.se", "unknown@example.se"):
        response = client.post(
            reverse("rights:intake"), {"kind": "access", "email": address, "message": ""}
        )
        answers.append((response.status_code, response["Location"]))
    assert answers[0] == answers[1] == (302, reverse("rights:sent"))
    assert len(mail.outbox) == 2


def test_the_page_is_rate_limited(frozen_now):
    client = Client()
    codes = [
        client.post(
            reverse("rights:intake"), {"kind": "access", "email": f"x{i}@example.se"}
        ).status_code
        for i in range(6)
    ]
    assert codes == [302] * 5 + [429]


def test_bad_input_is_a_form_with_errors_not_a_500(frozen_now):
    response = Client().post(reverse("rights:intake"), {"kind": "nope", "email": "not-an-address"})
    assert response.status_code == 400
    assert not DataRequest.objects.exists()


def test_the_verification_page_asks_first_then_confirms(frozen_now):
    client = Client()
    client.post(reverse("rights:intake"), {"kind": "erasure", "email": "v@example.se"})
    pk, token = _link(mail.outbox[0])
    url = reverse("rights:verify", kwargs={"pk": pk, "token": token})
    assert client.get(url).status_code == 200
    assert DataRequest.objects.get(pk=pk).verified_at is None  # a mail scanner's GET
    assert client.post(url).status_code == 200
    verified_at = DataRequest.objects.get(pk=pk).verified_at
    assert verified_at is not None
    used = client.post(url)  # the link again: it says so, and confirms nothing twice
    assert used.status_code == 200 and "redan bekräftad" in used.text
    assert DataRequest.objects.get(pk=pk).verified_at == verified_at


def test_signed_in_filing_from_my_data(frozen_now):
    anna = UserFactory(email="anna@example.se")
    client = Client()
    assert client.get(reverse("rights:file_signed_in")).status_code == 302  # sign in first
    client.force_login(anna)
    response = client.post(reverse("rights:file_signed_in"), {"kind": "objection"})
    assert response.status_code == 302
    filed = DataRequest.objects.get()
    assert filed.user == anna and filed.status == Status.VERIFIED
    assert (
        reverse("rights:file_signed_in") in client.get(reverse("accounts:my_data")).content.decode()
    )


def test_a_request_filed_signed_in_or_entered_by_staff_is_acknowledged_with_its_deadline(
    frozen_now, handler, django_capture_on_commit_callbacks
):
    anna = UserFactory(email="anna@example.se")
    with django_capture_on_commit_callbacks(execute=True):
        filed = requests.file_signed_in(user=anna, kind=Kind.ERASURE, language="en", now=frozen_now)
    [receipt] = mail.outbox
    assert receipt.to == ["anna@example.se"]
    assert receipt.subject.endswith("We have received your request")
    assert f"We will answer by {filed.due_on:%Y-%m-%d} at the latest" in receipt.body
    assert "/en/" in receipt.body  # My data, in the language of the request

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        entered = requests.enter_request(
            kind=Kind.ACCESS, email="brev@example.se", by=handler, now=frozen_now
        )
    [receipt] = mail.outbox
    assert f"Vi svarar senast {entered.due_on:%Y-%m-%d}" in receipt.body
    assert "Mina uppgifter" not in receipt.body  # no account to follow it in


def test_a_web_request_is_acknowledged_once_its_address_is_verified(
    frozen_now, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        requests.file_request(kind=Kind.ACCESS, email="c@example.se", language="sv", now=frozen_now)
    [verify] = mail.outbox
    pk, token = _link(verify)
    with django_capture_on_commit_callbacks(execute=True):
        requests.verify_request(pk=pk, token=token, now=frozen_now)
    assert len(mail.outbox) == 2
    assert "Vi har tagit emot din begäran" in mail.outbox[1].subject
