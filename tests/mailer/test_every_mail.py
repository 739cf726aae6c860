"""Every mail the product sends goes through the one mailer, in the recipient's language.

The first test stops the mailer's transport, triggers one mail from each call site and checks
that the mailer saw each (with its kind) and that nothing reached the outbox around it.
"""

import datetime as dt
import re
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from accounts import services as account_services
from companies.models import Membership
from companies.services import billing, registration
from jobs.models import Ad, Application
from jobs.services import ads as ad_services
from jobs.services import alerts, applications, digests
from mailer import services as mailer
from mailer.services import MailKind
from privacy import consent
from rights.models import Kind
from rights.services import requests as rights_requests
from tests.factories import AdFactory, MembershipFactory, UserFactory
from tests.factories.companies import place_order
from tests.factories.jobs import JobAlertFactory

pytestmark = pytest.mark.django_db

ALLAUTH_PASSWORD = "Sommar-i-Åre-2026"


def subscribe(user, *, language="sv"):
    consent.give_consent(
        purpose=alerts.PURPOSE,
        user=user,
        email=user.email,
        wording="Jag vill ha jobbevakning.",
        method="form",
        ip=None,
        now=timezone.now() - dt.timedelta(days=2),
        language=language,
    )
    return JobAlertFactory(user=user, email=user.email)


def draft_ad(**fields):
    return AdFactory(status=Ad.Status.DRAFT, published_at=None, ends_at=None, **fields)


def trigger_every_mail(client):
    """One mail from every place the product sends mail."""
    client.post(
        reverse("account_signup"),
        {"email": "ny@example.se", "password1": ALLAUTH_PASSWORD, "password2": ALLAUTH_PASSWORD},
    )
    client.logout()
    UserFactory(email="glomsk@example.se")
    client.post(reverse("account_reset_password"), {"email": "glomsk@example.se"})

    account_services.send_inactivity_warning(UserFactory(), dt.date(2026, 1, 10))

    owner = MembershipFactory(role=Membership.Role.OWNER)
    with TestCase.captureOnCommitCallbacks(execute=True):
        registration.invite_member(
            company=owner.company,
            email="kollega@example.se",
            role=Membership.Role.MEMBER,
            by=owner.user,
            now=timezone.now(),
        )
        invoice = place_order(ad=draft_ad(), send_invoice=True).invoice

    due = invoice.due_on + dt.timedelta(days=billing.FIRST_REMINDER_AFTER_DAYS)
    billing.send_due_reminders(now=dt.datetime.combine(due, dt.time(8), tzinfo=dt.UTC))

    seeker = UserFactory()
    client.force_login(seeker)
    ad = AdFactory()  # its contact address is no member's: the notice without a link
    MembershipFactory(company=ad.company, role=Membership.Role.MEMBER)  # a member: with one
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("jobs:apply", args=[ad.pk]), {"message": "Hej!"})
    application = Application.objects.get(seeker=seeker)
    with TestCase.captureOnCommitCallbacks(execute=True):
        applications.review_application(
            application=application,
            status="reviewed",
            employer_notes="",
            share_status=True,
            by=seeker,
        )
        ad_services.mark_filled(ad=application.ad, by=seeker, now=timezone.now())

    colleague = MembershipFactory(company=owner.company, role=Membership.Role.MEMBER)
    with TestCase.captureOnCommitCallbacks(execute=True):
        registration.remove_member(membership=colleague, by=owner.user)
        rights_requests.file_signed_in(
            user=seeker, kind=Kind.RECTIFICATION, language="sv", now=timezone.now()
        )

    subscribe(UserFactory())
    AdFactory(published_at=timezone.now() - dt.timedelta(hours=1))
    with TestCase.captureOnCommitCallbacks(execute=True):
        digests.send_due_digests(now=timezone.now())


def test_every_mail_of_every_kind_goes_through_the_mailer(frozen_now, client, taxonomy):
    delivered = []
    with (
        mock.patch.object(mailer, "send", wraps=mailer.send) as send,
        mock.patch.object(mailer, "_deliver", side_effect=delivered.append),
    ):
        trigger_every_mail(client)

    seen = {}
    for call in send.call_args_list:
        template = call.args[0]
        name = template if isinstance(template, str) else template.text
        seen[name] = call.kwargs["kind"]
    assert seen == {
        "account/email/email_confirmation_signup_message.txt": MailKind.ACCOUNT,
        "account/email/password_reset_key_message.txt": MailKind.ACCOUNT,
        "accounts_inactivity_warning": MailKind.SERVICE,
        "companies_invitation": MailKind.SERVICE,
        "companies_invoice": MailKind.LEGAL,
        "companies_reminder": MailKind.LEGAL,
        "jobs_application_sent": MailKind.SERVICE,
        "jobs_application_received": MailKind.SERVICE,
        "jobs_application_received_contact": MailKind.SERVICE,
        "jobs_application_status": MailKind.SERVICE,
        "jobs_application_closed": MailKind.SERVICE,
        "companies_member_removed": MailKind.SERVICE,
        "rights_received": MailKind.LEGAL,
        "jobs_alert_digest": MailKind.MARKETING,
    }
    assert len(delivered) == len(send.call_args_list)  # each call made exactly one mail...
    assert mail.outbox == []  # ...and nothing was sent around the mailer


def test_no_code_outside_the_mailer_builds_or_sends_mail_itself():
    base = Path(settings.BASE_DIR)
    pattern = re.compile(
        r"EmailMultiAlternatives\(|EmailMessage\(|(?<!def )\bsend_mail\(|send_mass_mail\(|"
        r"mail_admins\(|mail_managers\(|get_connection\("
    )
    offenders = []
    for path in base.rglob("*.py"):
        parts = path.relative_to(base).parts
        if parts[0] in {".venv", "var", "tests", "mailer", "bench"} or "migrations" in parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(base)}:{number}: {line.strip()}")
    assert not offenders, "mail sent around the mailer:\n" + "\n".join(offenders)


def test_allauth_mails_keep_their_prefix_and_follow_the_request_language(client, settings):
    with translation.override("en"):
        url = reverse("account_signup")
    client.post(
        url, {"email": "ny@example.se", "password1": "x-Åre-2026-y", "password2": "x-Åre-2026-y"}
    )

    [message] = mail.outbox
    assert message.subject.startswith(f"[{settings.SITE_NAME}] ")
    assert f"Hello from {settings.SITE_NAME}!" in message.body


def test_a_restricted_person_can_still_reset_their_password(client):
    from privacy import restrictions

    user = UserFactory(email="anna@example.se")
    restrictions.restrict(user=user, reason="Art. 18", by=user, now=timezone.now())

    client.post(reverse("account_reset_password"), {"email": "anna@example.se"})

    assert mail.outbox[0].to == ["anna@example.se"]
    assert "/konto/losenord/aterstall/nyckel/" in mail.outbox[0].body


def test_the_application_confirmation_speaks_the_language_the_seeker_applied_in(client, taxonomy):
    seeker = UserFactory()
    client.force_login(seeker)
    ad = AdFactory(contact_email="hr@foretaget.se")
    with translation.override("en"):
        url = reverse("jobs:apply", args=[ad.pk])

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url, {"message": "Hello!"})

    by_to = {m.to[0]: m for m in mail.outbox}
    assert by_to[seeker.email].subject == f"Your application: {ad.title}"
    assert by_to["hr@foretaget.se"].subject == f"Ny ansökan: {ad.title}"


def test_a_restricted_seeker_gets_no_confirmation_but_the_company_is_told(client, taxonomy):
    from privacy import restrictions

    seeker = UserFactory()
    restrictions.restrict(user=seeker, reason="Art. 18", by=seeker, now=timezone.now())
    client.force_login(seeker)
    ad = AdFactory(contact_email="hr@foretaget.se")

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("jobs:apply", args=[ad.pk]), {"message": "Hej!"})

    assert [m.to for m in mail.outbox] == [["hr@foretaget.se"]]


def test_a_job_alert_speaks_the_language_the_consent_was_given_in(frozen_now, taxonomy):
    subscribe(UserFactory(), language="en")
    AdFactory(published_at=timezone.now() - dt.timedelta(hours=1))

    with TestCase.captureOnCommitCallbacks(execute=True):
        digests.send_due_digests(now=timezone.now())

    [message] = mail.outbox
    assert message.subject == "1 new job for you"
    assert "Unsubscribe from all job alerts with one click:" in message.body


def test_an_invoice_to_a_restricted_buyer_still_goes_and_says_why(taxonomy):
    from privacy import restrictions

    ad = draft_ad(company__email="ekonomi@foretaget.se")
    admin = UserFactory(is_staff=True)
    restrictions.restrict(
        email="ekonomi@foretaget.se", reason="Art. 18", by=admin, now=timezone.now()
    )

    with TestCase.captureOnCommitCallbacks(execute=True):
        place_order(ad=ad, send_invoice=True)

    [message] = mail.outbox
    assert "eftersom lagen kräver det: vi måste skicka en faktura" in message.body
    assert message.attachments[0][2] == "application/pdf"


def test_subjects_and_plain_text_show_what_was_typed_and_html_escapes_it(
    client, taxonomy, frozen_now
):
    """ "Kock & kallskänka" at "Berg & Dal AB": the subject and the text part are text (no
    "&amp;"), the HTML part is HTML (escaped, so a "<b>" stays a title, not markup)."""
    ad = AdFactory(title="Kock & kallskänka <b>", company__name="Berg & Dal AB")
    seeker = UserFactory()
    client.force_login(seeker)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("jobs:apply", args=[ad.pk]), {"message": "Hej!"})
    subscribe(UserFactory(email="bevakare@example.se"))
    AdFactory(
        title="Lager & logistik",
        company__name="Luleå Teknik & Data AB",
        published_at=timezone.now() - dt.timedelta(hours=1),
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        digests.send_due_digests(now=timezone.now())

    [sent] = [m for m in mail.outbox if m.to == [seeker.email]]
    assert sent.subject == "Din ansökan: Kock & kallskänka <b>"
    assert "”Kock & kallskänka <b>” har skickats till Berg & Dal AB" in sent.body
    html = sent.alternatives[0][0]
    assert "Kock &amp; kallskänka &lt;b&gt;" in html and "<b>" not in html
    [digest] = [m for m in mail.outbox if m.to == ["bevakare@example.se"]]
    assert "Lager & logistik, Luleå Teknik & Data AB" in digest.body
    assert "&amp;" not in digest.body and "&amp;" not in digest.subject
