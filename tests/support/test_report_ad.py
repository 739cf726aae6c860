"""Reporting an ad from its page: a support thread linked to the ad, for staff to act on."""

import datetime as dt

import pytest
from django.core import mail

from jobs.models import Ad
from privacy import enforcement, subjects
from privacy.models import EnforcementRun
from support import services
from support.models import SupportMessage, SupportRequest
from tests.factories import UserFactory
from tests.factories.accounts import staff_user
from tests.factories.companies import MembershipFactory
from tests.factories.jobs import AdFactory, ClosedAdFactory

pytestmark = pytest.mark.django_db

REPORT = {"reason": "scam", "details": "De ber om 500 kr för en intervju.", "email": ""}


@pytest.fixture
def ad(taxonomy):
    return AdFactory(title="Lagerarbetare & truckförare")


def report_url(ad):
    return f"/kontakt/anmal-annons/{ad.pk}/"


def test_the_ad_page_links_to_its_report_form_in_both_languages(client, ad):
    assert f'href="{report_url(ad)}"' in client.get(ad.get_absolute_url()).text
    english = client.get(f"/en/jobs/{ad.pk}/")
    english = client.get(english["Location"]) if english.status_code == 301 else english
    assert f'href="/en/contact/report-ad/{ad.pk}/"' in english.text
    page = client.get(report_url(ad))
    assert "Anmäl en annons" in page.text and "Lagerarbetare &amp; truckförare" in page.text
    assert "Report an ad" in client.get(f"/en/contact/report-ad/{ad.pk}/").text


def test_a_report_is_kept_as_a_thread_about_the_ad_and_staff_are_told(
    frozen_now, client, ad, settings, django_capture_on_commit_callbacks
):
    settings.CONTACT_EMAIL = "kontakt@workwithus.se"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(report_url(ad), {**REPORT, "email": " vaken@example.se "})
    assert response.status_code == 302
    assert response["Location"] == f"/kontakt/anmal-annons/{ad.pk}/skickad/"
    assert "Tack för din anmälan" in client.get(response["Location"]).text
    report = SupportRequest.objects.get()
    assert (report.ad, report.email, report.language, report.name) == (
        ad,
        "vaken@example.se",
        "sv",
        "",
    )
    assert report.subject == f"Anmälan av annonsen ”Lagerarbetare & truckförare” (nr {ad.pk})"
    assert report.last_message_at == frozen_now
    body = report.messages.get().body
    assert "Den ser ut som ett bedrägeri" in body and "500 kr" in body
    assert f"/jobb/{ad.pk}/" in body
    (told,) = mail.outbox  # staff, not the reporter
    assert told.to == ["kontakt@workwithus.se"]
    assert f"/admin/support/supportrequest/{report.pk}/change/" in told.body
    assert "vaken@example.se" not in told.body


def test_a_report_needs_only_a_reason(client, ad):
    response = client.post(report_url(ad), {"reason": "discrimination"})
    assert response.status_code == 302
    report = SupportRequest.objects.get()
    assert report.email == "" and report.ad == ad


def test_bad_input_gets_a_message_and_keeps_what_was_written(client, ad):
    missing = client.post(report_url(ad), {"details": "Konstigt", "email": "inte-en-adress"})
    assert missing.status_code == 200
    assert "Välj vad som är fel med annonsen." in missing.text
    assert "Fyll i en giltig e-postadress." in missing.text
    assert "Konstigt" in missing.text  # the text is not lost
    other = client.post(report_url(ad), {"reason": "other", "details": "  "})
    assert "Berätta vad som är fel med annonsen." in other.text
    unknown = client.post(report_url(ad), {"reason": "<script>"})
    assert unknown.status_code == 200 and "<script>" not in unknown.text
    too_long = client.post(report_url(ad), {"reason": "other", "details": "x" * 2001})
    assert too_long.status_code == 200
    assert not SupportRequest.objects.exists()


def test_an_ended_ad_can_be_reported_but_not_one_that_is_not_out(client, taxonomy):
    ended = ClosedAdFactory()
    assert client.post(report_url(ended), {"reason": "misleading"}).status_code == 302
    draft = AdFactory(status=Ad.Status.DRAFT, published_at=None)
    assert client.get(report_url(draft)).status_code == 404
    assert client.post(report_url(draft), {"reason": "scam"}).status_code == 404
    assert client.get("/kontakt/anmal-annons/99999999999999999999/").status_code == 404
    assert SupportRequest.objects.count() == 1


def test_reports_are_rate_limited(client, ad, stopped_now):
    for _ in range(3):
        assert client.post(report_url(ad), REPORT).status_code == 302
    response = client.post(report_url(ad), REPORT)
    assert response.status_code == 429 and "anmälningar" in response.text
    assert SupportRequest.objects.count() == 3


# --- Staff.


@pytest.fixture
def support_staff():
    return staff_user("support.view_supportrequest", "support.change_supportrequest")


def report(ad, email=""):
    return services.submit_report(
        ad=ad, reason="scam", details="", email=email, language="sv", now=ad.published_at
    )


def test_staff_find_reports_and_reach_the_ad(client, ad, support_staff):
    thread = report(ad)
    services.submit_request(
        name="Anna",
        email="anna@example.se",
        subject="Faktura",
        message="?",
        language="sv",
        now=ad.published_at,
    )
    client.force_login(support_staff)
    listing = client.get("/admin/support/supportrequest/?report=yes")
    assert f"/{thread.pk}/change/" in listing.text and "Faktura" not in listing.text
    page = client.get(f"/admin/support/supportrequest/{thread.pk}/change/")
    assert f"/admin/jobs/moderatedad/{ad.pk}/change/" in page.text


def test_a_report_without_an_address_cannot_be_answered(client, ad, support_staff):
    thread = report(ad)
    client.force_login(support_staff)
    response = client.post(
        f"/admin/support/supportrequest/{thread.pk}/change/",
        {"long_term_reason": "", "reply": "Vi har tagit bort annonsen."},
    )
    assert response.status_code == 200
    assert "Personen lämnade ingen e-postadress" in response.text
    assert not SupportMessage.objects.filter(sender="staff").exists() and mail.outbox == []
    with pytest.raises(services.SupportError):
        services.reply(support_request=thread, body="Svar", by=support_staff, now=ad.published_at)


def test_a_report_with_an_address_is_answered_in_the_reporters_language(client, ad, support_staff):
    thread = report(ad, email="vaken@example.se")
    client.force_login(support_staff)
    client.post(
        f"/admin/support/supportrequest/{thread.pk}/change/",
        {"long_term_reason": "", "reply": "Vi har tagit bort annonsen."},
    )
    (sent,) = mail.outbox
    assert sent.to == ["vaken@example.se"] and "Vi har tagit bort annonsen." in sent.body


def test_reports_are_refused_to_staff_without_permission_and_to_others(client, ad):
    thread = report(ad)
    url = f"/admin/support/supportrequest/{thread.pk}/change/"
    client.force_login(UserFactory())
    assert "login" in client.get(url)["Location"]
    client.force_login(MembershipFactory(company=ad.company).user)  # the reported company
    assert "login" in client.get(url)["Location"]
    client.force_login(staff_user("jobs.change_moderatedad"))
    assert client.get(url).status_code == 403
    assert client.get("/admin/support/supportrequest/?report=yes").status_code == 403


# --- Retention and rights.


def test_a_report_goes_twelve_months_after_it_was_made_and_leaves_the_ad(ad):
    thread = report(ad, email="vaken@example.se")
    made = thread.last_message_at.date()
    enforcement.enforce(
        as_of=made.replace(year=made.year + 1) - dt.timedelta(days=1),
        now=thread.last_message_at,
        trigger=EnforcementRun.Trigger.TEST,
    )
    assert SupportRequest.objects.filter(pk=thread.pk).exists()
    enforcement.enforce(
        as_of=made.replace(year=made.year + 1) + dt.timedelta(days=1),
        now=thread.last_message_at,
        trigger=EnforcementRun.Trigger.TEST,
    )
    assert not SupportRequest.objects.filter(pk=thread.pk).exists()
    assert Ad.objects.filter(pk=ad.pk).exists()


def test_the_reporters_export_has_the_report_and_erasure_deletes_it(ad):
    thread = report(ad, email="vaken@example.se")
    anonymous = report(ad)
    found = subjects.collect(email="vaken@example.se", now=thread.last_message_at)
    (category,) = [
        c for c in found["categories"] if c["category"] == "Meddelanden till vår support"
    ]
    assert len(category["items"]) == 2
    subjects.erase(email="vaken@example.se", by=None, now=thread.last_message_at)
    assert not SupportRequest.objects.filter(pk=thread.pk).exists()
    assert SupportRequest.objects.filter(pk=anonymous.pk).exists()  # nobody's address


def test_an_ad_deleted_by_its_rule_leaves_the_report_until_its_own_end(ad):
    thread = report(ad)
    Ad.objects.filter(pk=ad.pk).delete()
    thread.refresh_from_db()
    assert thread.ad is None and thread.messages.exists()
