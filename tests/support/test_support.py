"""Support requests: the contact form, staff replies from admin, retention and the rights."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from privacy import consent, enforcement, restrictions, subjects
from privacy.models import EnforcementRun
from support import services
from support.models import SupportMessage, SupportRequest
from tests.factories import UserFactory
from tests.factories.accounts import staff_user

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2026, 6, 1, 3, tzinfo=dt.UTC)
FORM = {
    "name": "Anna Andersson",
    "email": "anna@example.se",
    "subject": "Min faktura",
    "message": "Hej! Jag har en fråga om fakturan.",
}


def at(year, month, day):
    return dt.datetime(year, month, day, 12, tzinfo=STOCKHOLM)


def thread(when=NOW, **fields):
    request = services.submit_request(**{**FORM, **fields}, language="sv", now=when)
    return request


def change_url(request):
    return f"/en/admin/support/supportrequest/{request.pk}/change/"


# --- The contact form.


def test_the_contact_form_in_swedish_and_english(client):
    assert "Kontakta oss" in client.get("/kontakt/").text
    assert "Contact us" in client.get("/en/contact/").text


def test_a_message_is_kept_as_a_thread_and_only_staff_are_told(
    client, frozen_now, settings, django_capture_on_commit_callbacks
):
    settings.CONTACT_EMAIL = "kontakt@workwithus.se"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/kontakt/", FORM)
    assert response.status_code == 302 and response["Location"] == "/kontakt/skickat/"
    request = SupportRequest.objects.get()
    assert (request.email, request.subject, request.language) == (
        "anna@example.se",
        "Min faktura",
        "sv",
    )
    assert request.last_message_at == frozen_now
    assert request.messages.get().body == FORM["message"]
    (told,) = mail.outbox  # staff, not the address given
    assert told.to == ["kontakt@workwithus.se"]
    assert f"/admin/support/supportrequest/{request.pk}/change/" in told.body
    assert "anna@example.se" not in told.body + told.subject
    assert "Anna" not in told.body + told.subject


def test_the_form_answers_the_same_whatever_the_address(client):
    UserFactory(email="known@example.se")
    known = client.post("/kontakt/", {**FORM, "email": "known@example.se"})
    unknown = client.post("/kontakt/", {**FORM, "email": "nobody@example.se"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known.content == unknown.content  # a redirect with no body


def test_bad_input_gets_a_message_in_swedish_not_a_500(client):
    response = client.post("/kontakt/", {**FORM, "email": "inte-en-adress", "message": ""})
    assert response.status_code == 200
    assert "Fyll i en giltig e-postadress" in response.text
    assert not SupportRequest.objects.exists()


def test_the_form_is_rate_limited(client, stopped_now):  # the burst within one minute's window
    for _ in range(3):
        assert client.post("/kontakt/", FORM).status_code == 302
    response = client.post("/kontakt/", FORM)
    assert response.status_code == 429 and "Retry-After" in response
    assert "Glömt lösenordet" not in response.text  # a password is not what limits it
    assert SupportRequest.objects.count() == 3


def test_mistakes_in_the_form_do_not_count_against_the_limit(client, stopped_now):
    for _ in range(4):
        assert client.post("/kontakt/", {**FORM, "email": "fel"}).status_code == 200
    assert client.post("/kontakt/", FORM).status_code == 302


# --- Staff answer from admin.


@pytest.fixture
def support_staff():
    return staff_user("support.view_supportrequest", "support.change_supportrequest")


def test_staff_reply_is_mailed_in_the_persons_language_and_kept(client, support_staff):
    request = thread(when=at(2026, 1, 1))
    client.force_login(support_staff)
    response = client.post(change_url(request), {"long_term_reason": "", "reply": "Hej Anna!"})
    assert response.status_code == 302
    (sent,) = mail.outbox
    assert sent.to == ["anna@example.se"] and sent.subject.endswith("Sv: Min faktura")
    assert "Hej Anna!" in sent.body and "Din supportförfrågan nr" in sent.body
    request.refresh_from_db()
    reply = request.messages.get(sender=SupportMessage.Sender.STAFF)
    assert reply.author == support_staff and reply.mailed
    assert request.status == SupportRequest.Status.ANSWERED
    assert request.last_message_at > at(2026, 1, 1)  # the clock restarts


def test_a_reply_reaches_the_person_who_wrote_even_at_a_suppressed_address(support_staff):
    request = thread()  # she wrote to us, with no account, from an address we may not market to
    consent.suppress(email="anna@example.se")
    reply = services.reply(support_request=request, body="Svar", by=support_staff, now=NOW)
    assert reply.mailed
    assert [m.to for m in mail.outbox] == [["anna@example.se"]]


def test_a_reply_to_a_restricted_person_is_kept_but_not_mailed(support_staff):
    request = thread()
    restrictions.restrict(email="anna@example.se", reason="Art. 18", by=support_staff, now=NOW)
    reply = services.reply(support_request=request, body="Svar", by=support_staff, now=NOW)
    assert not reply.mailed and mail.outbox == []
    assert request.messages.count() == 2


def test_an_empty_reply_is_refused(support_staff):
    with pytest.raises(services.SupportError):
        services.reply(support_request=thread(), body="  ", by=support_staff, now=NOW)


def test_staff_mark_a_thread_about_payment_to_be_kept_longer(client, support_staff):
    request = thread()
    client.force_login(support_staff)
    client.post(change_url(request), {"long_term_reason": "payment", "reply": ""})
    request.refresh_from_db()
    assert request.long_term_reason == "payment" and mail.outbox == []


def test_the_admin_is_refused_without_permission_or_second_factor(client):
    request = thread()
    url = change_url(request)
    assert "login" in client.get(url)["Location"]  # anonymous
    client.force_login(UserFactory())
    assert "login" in client.get(url)["Location"]  # a seeker
    client.force_login(staff_user())
    assert client.get(url).status_code == 403
    client.force_login(staff_user("support.change_supportrequest", second_factor=False))
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {"reply": "x"}).status_code in (302, 403)
    assert not SupportMessage.objects.filter(sender="staff").exists()


def test_staff_can_neither_add_nor_delete_requests_by_hand(client, support_staff):
    request = thread()
    client.force_login(staff_user("support.add_supportrequest", "support.delete_supportrequest"))
    assert client.get("/en/admin/support/supportrequest/add/").status_code == 403
    assert client.get(f"/en/admin/support/supportrequest/{request.pk}/delete/").status_code == 403


# --- Retention, export and erasure.


def run(as_of):
    return enforcement.enforce(as_of=as_of, now=NOW, trigger=EnforcementRun.Trigger.TEST)


def test_a_thread_goes_twelve_months_after_its_last_message():
    request = thread(when=at(2025, 3, 10))
    run(dt.date(2026, 3, 9))
    assert SupportRequest.objects.filter(pk=request.pk).exists()
    run(dt.date(2026, 3, 10))
    assert not SupportRequest.objects.filter(pk=request.pk).exists()
    assert not SupportMessage.objects.exists()


def test_a_thread_marked_long_term_goes_five_years_after_its_last_message(support_staff):
    request = thread(when=at(2021, 3, 10))
    services.mark_long_term(support_request=request, reason="deletion", by=support_staff, now=NOW)
    run(dt.date(2026, 3, 9))
    assert SupportRequest.objects.filter(pk=request.pk).exists()
    assert SupportMessage.objects.filter(request=request).exists()
    run(dt.date(2026, 3, 10))
    assert not SupportRequest.objects.filter(pk=request.pk).exists()


def test_the_export_has_the_thread_and_the_erasure_deletes_it():
    request = thread()
    other = thread(email="other@example.se")
    report = subjects.collect(email="anna@example.se", now=NOW)
    (category,) = [
        c for c in report["categories"] if c["category"] == "Meddelanden till vår support"
    ]
    assert len(category["items"]) == 2  # the request and its message
    subjects.erase(email="anna@example.se", by=None, now=NOW)
    assert not SupportRequest.objects.filter(pk=request.pk).exists()
    assert SupportRequest.objects.filter(pk=other.pk).exists()
