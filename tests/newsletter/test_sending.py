"""Sending an issue: safe HTML and text, the one-click headers, nobody twice, nothing to a
withdrawn, restricted or suppressed address, the consent's clock restarted, and opens and
clicks counted only for subscribers who consented to it."""

import datetime as dt
import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from newsletter import tasks
from newsletter.models import Delivery, Issue, Subscriber
from newsletter.services import sending, subscriptions
from privacy import consent, restrictions
from privacy.models import ConsentRecord
from tests.factories.accounts import staff_user

from .conftest import subscriber

pytestmark = pytest.mark.django_db


def _recipients() -> list[str]:
    return sorted(m.to[0] for m in mail.outbox)


def test_markdown_becomes_safe_html_and_plain_text(issue):
    html = sending.render_html(issue.body)
    assert "<h1>Hej</h1>" in html
    assert '<a href="https://example.se/tips">' in html
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert sending.render_text(issue.body).startswith(
        "Hej\n\nLäs våra tips (https://example.se/tips)"
    )


def test_the_plain_text_part_reads_as_text_not_as_markdown():
    body = (
        "# Hej!\n\n"
        "Här är **nyheterna** och *lite* `kod`.\n\n"
        "## Jobb\n\n"
        "- [Sök jobb](https://example.se/jobb)\n"
        "- <https://example.se/tips>\n\n"
        "1. Ett\n"
        "2. Två\n\n"
        "Skriv till [info@example.se](mailto:info@example.se)."
    )
    assert sending.render_text(body) == (
        "Hej!\n\n"
        "Här är nyheterna och lite kod.\n\n"
        "Jobb\n\n"
        "- Sök jobb (https://example.se/jobb)\n"
        "- https://example.se/tips\n\n"
        "1. Ett\n"
        "2. Två\n\n"
        "Skriv till info@example.se."
    )


def test_a_javascript_link_is_not_made_a_link():
    assert "javascript:" not in sending.render_html("[x](javascript:alert(1))").split("<p>")[0]
    assert "href" not in sending.render_html("[x](javascript:alert(1))")


def test_each_subscriber_gets_one_mail_with_one_click_unsubscribe(issue, frozen_now):
    for n in range(3):
        subscriber(f"s{n}@example.se")

    counts = sending.send_issue(issue=issue, now=frozen_now, batch_size=2)

    assert counts == {"sent": 3, "skipped": 0}
    assert _recipients() == ["s0@example.se", "s1@example.se", "s2@example.se"]
    message = mail.outbox[0]
    assert message.subject == "Nytt i veckan"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert "/nyhetsbrev/avsluta/" in url
    html = message.alternatives[0][0]
    assert "&lt;script&gt;" in html
    assert "<script>" not in html
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


def test_withdrawn_restricted_suppressed_and_unconfirmed_addresses_get_nothing(issue, frozen_now):
    subscriber("kvar@example.se")
    withdrawn = subscriber("slutat@example.se")
    consent.withdraw_consent(
        purpose="newsletter", email=withdrawn.email, method="unsubscribe_link", now=frozen_now
    )
    subscriber("spärrad@example.se")
    restrictions.restrict(email="spärrad@example.se", reason="Tvist", by=None, now=frozen_now)
    subscriber("undertryckt@example.se")
    consent.suppress(email="undertryckt@example.se")
    Subscriber.objects.create(
        email="väntar@example.se",
        source="page",
        created_at=frozen_now,
        last_used_at=frozen_now,
    )

    counts = sending.send_issue(issue=issue, now=frozen_now)

    assert _recipients() == ["kvar@example.se"]
    assert counts == {"sent": 1, "skipped": 3}


def test_a_send_restarts_the_clock_of_the_consent(issue, frozen_now):
    subscriber("klocka@example.se", now=frozen_now - dt.timedelta(days=300))

    sending.send_issue(issue=issue, now=frozen_now)

    record = ConsentRecord.objects.get(email="klocka@example.se")
    assert record.last_used_at == frozen_now
    assert Subscriber.objects.get(email="klocka@example.se").last_used_at == frozen_now


def test_a_resumed_send_mails_nobody_twice(issue, frozen_now, monkeypatch):
    for n in range(5):
        subscriber(f"r{n}@example.se")
    real, calls = sending._send_one, []

    def dies_on_the_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise SystemExit("killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(sending, "_send_one", dies_on_the_third)
    with pytest.raises(SystemExit):
        sending.send_issue(issue=issue, now=frozen_now, batch_size=2)
    monkeypatch.setattr(sending, "_send_one", real)
    first_run = _recipients()

    sending.send_issue(issue=issue, now=frozen_now, batch_size=2)

    recipients = _recipients()
    assert len(recipients) == len(set(recipients))
    assert first_run == ["r0@example.se", "r1@example.se"]
    # The mail in flight at the kill is never sent again: at most one unknown per kill.
    assert recipients == ["r0@example.se", "r1@example.se", "r3@example.se", "r4@example.se"]
    p = sending.progress(Issue.objects.get(pk=issue.pk))
    assert (p.sent, p.skipped, p.interrupted, p.percent) == (4, 0, 1, 100)


def test_the_beat_task_starts_a_due_issue_and_resumes_one_left_sending(frozen_now):
    subscriber("beat@example.se")
    due = Issue.objects.create(
        subject="Dags",
        body="Hej",
        created_at=frozen_now,
        status=Issue.Status.SCHEDULED,
        scheduled_at=frozen_now,
    )
    later = Issue.objects.create(
        subject="Sen",
        body="Hej",
        created_at=frozen_now,
        status=Issue.Status.SCHEDULED,
        scheduled_at=frozen_now + dt.timedelta(minutes=1),
    )

    ids = tasks.start_due_issues()
    tasks.send_issue(issue_id=due.pk)

    assert ids == [due.pk]
    assert Issue.objects.get(pk=later.pk).status == Issue.Status.SCHEDULED
    assert [m.subject for m in mail.outbox] == ["Dags"]


def _links(html: str) -> list[str]:
    return [unescape(u) for u in re.findall(r'href="([^"]+)"', html)]


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_opens_and_clicks_count_only_for_subscribers_who_consented(client, issue, frozen_now):
    subscriber("räknas@example.se", tracking=True)
    subscriber("inte@example.se", tracking=False)

    sending.send_issue(issue=issue, now=frozen_now)

    by_address = {m.to[0]: m.alternatives[0][0] for m in mail.outbox}
    plain = by_address["inte@example.se"]
    assert "https://example.se/tips" in _links(plain)
    assert "/nyhetsbrev/o/" not in plain
    tracked = by_address["räknas@example.se"]
    click = next(u for u in _links(tracked) if "/nyhetsbrev/c/" in u)
    pixel = re.search(r'<img src="([^"]+)"', tracked).group(1)

    assert client.get(_local(unescape(pixel))).status_code == 200
    response = client.get(_local(click))
    assert response.status_code == 302
    assert response.url == "https://example.se/tips"

    issue.refresh_from_db()
    assert (issue.opens, issue.clicks) == (1, 1)
    delivery = Delivery.objects.get(subscriber__email="räknas@example.se")
    assert delivery.opened_at == frozen_now
    assert delivery.clicks == 1


def test_a_forged_click_link_leads_nowhere(client):
    assert client.get(reverse("newsletter:click", args=["forged"])).status_code == 404


def test_one_click_unsubscribe_by_post_without_a_session(client, frozen_now):
    person = subscriber("klick@example.se")
    url = subscriptions.unsubscribe_url(person)
    client.cookies.clear()

    response = client.post(_local(url), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert not consent.has_consent(purpose="newsletter", email="klick@example.se")
    record = ConsentRecord.objects.get(email="klick@example.se")
    assert record.withdrawn_at == frozen_now
    assert record.withdrawal_method == "unsubscribe_link"
    assert Subscriber.objects.get(pk=person.pk).status == Subscriber.Status.UNSUBSCRIBED


def test_the_unsubscribe_page_asks_before_it_acts(client, frozen_now):
    person = subscriber("fråga@example.se")
    url = _local(subscriptions.unsubscribe_url(person))

    assert client.get(url).status_code == 200
    assert consent.has_consent(purpose="newsletter", email="fråga@example.se")


def test_a_forged_unsubscribe_link_is_refused(client):
    assert client.post(reverse("newsletter:unsubscribe", args=["forged"])).status_code == 404


def test_the_link_of_a_subscription_erased_since_says_nothing_more_is_sent(client):
    person = subscriber("raderad@example.se")
    url = _local(subscriptions.unsubscribe_url(person))
    person.delete()
    response = client.get(url)
    assert response.status_code == 200 and "Du får inga fler nyhetsbrev" in response.text


def test_staff_send_a_test_to_themselves_only(issue):
    staff = staff_user("newsletter.view_issue")
    subscriber("inte-nu@example.se")

    assert sending.send_test(issue=issue, by=staff)

    assert _recipients() == [staff.email]
    assert mail.outbox[0].subject.startswith("[TEST]")


def test_a_sent_issue_cannot_be_edited(issue):
    staff = staff_user("newsletter.change_issue")
    issue.subject = "Ändrad"
    with pytest.raises(sending.IssueError):
        sending.save_issue(issue=issue, by=staff, now=timezone.now())


def test_the_batch_state_of_recipients_agrees_with_the_one_by_one_rule(frozen_now):
    from mailer import services as mailer
    from tests.factories import UserFactory

    by_account = UserFactory(email="konto@example.se")
    restrictions.restrict(user=by_account, reason="Tvist", by=None, now=frozen_now)
    restrictions.restrict(email="adress@example.se", reason="Tvist", by=None, now=frozen_now)
    consent.suppress(email="borta@example.se")
    back = UserFactory(email="tillbaka@example.se")
    unconfirmed = UserFactory(email="obekraftad@example.se", verified=False)
    for address in ("tillbaka@example.se", "obekraftad@example.se"):
        consent.suppress(email=address)
    people = [
        ("konto@example.se", None),
        ("adress@example.se", None),
        ("borta@example.se", None),
        ("fri@example.se", None),
        ("Konto@Example.se", by_account),
        ("tillbaka@example.se", None),
        ("Tillbaka@Example.se", back),
        ("obekraftad@example.se", unconfirmed),
    ]

    states = mailer.recipients(people)

    for address, user in people:
        assert states[address] == mailer.recipient(address, user=user), address
    assert states["Tillbaka@Example.se"].own_account
    assert not states["obekraftad@example.se"].own_account


def test_a_subscriber_restricted_through_the_account_gets_nothing(issue, frozen_now):
    from tests.factories import UserFactory

    user = UserFactory(email="medkonto@example.se")
    subscriber("medkonto@example.se", user=user)
    restrictions.restrict(user=user, reason="Tvist", by=None, now=frozen_now)

    assert sending.send_issue(issue=issue, now=frozen_now) == {"sent": 0, "skipped": 1}
    assert mail.outbox == []
