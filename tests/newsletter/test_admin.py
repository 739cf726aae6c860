"""Staff in admin: the preview (model permission and second factor), the test send to
themselves, scheduling, and the progress of a send."""

import pytest
from django.core import mail
from django.urls import reverse

from newsletter.models import Issue
from newsletter.services import sending
from tests.factories.accounts import staff_user

from .conftest import subscriber

pytestmark = pytest.mark.django_db


def _preview(issue):
    return reverse("admin:newsletter_issue_preview", args=[issue.pk])


def test_staff_with_the_permission_see_the_preview_as_html_and_text(client, issue):
    client.force_login(staff_user("newsletter.view_issue"))
    response = client.get(_preview(issue))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Hej</h1>" in html
    assert "&lt;script&gt;" in html
    assert "<script>alert(1)</script>" not in html


def test_the_preview_is_refused_without_the_permission(client, issue):
    client.force_login(staff_user("newsletter.view_subscriber"))
    assert client.get(_preview(issue)).status_code == 403


def test_the_preview_is_refused_without_a_second_factor(client, issue):
    client.force_login(staff_user("newsletter.view_issue", second_factor=False))
    response = client.get(_preview(issue))
    assert response.status_code == 302
    assert "/admin/" not in response.url


def test_the_preview_is_refused_to_a_seeker_and_an_anonymous_visitor(client, issue):
    from tests.factories import UserFactory

    assert "/login/" in client.get(_preview(issue)).url
    client.force_login(UserFactory())
    assert "/login/" in client.get(_preview(issue)).url


def test_the_test_send_goes_to_the_staff_member_only(client, issue):
    staff = staff_user("newsletter.view_issue", "newsletter.change_issue")
    subscriber("läsare@example.se")
    client.force_login(staff)
    client.post(
        reverse("admin:newsletter_issue_changelist"),
        {"action": "send_test", "_selected_action": [issue.pk]},
    )
    assert [m.to for m in mail.outbox] == [[staff.email]]


def test_the_test_send_and_the_unsubscribe_actions_count_in_singular_and_plural(client, issue):
    from newsletter.models import Subscriber

    staff = staff_user(
        "newsletter.view_issue", "newsletter.view_subscriber", "newsletter.change_subscriber"
    )
    client.force_login(staff)
    response = client.post(
        reverse("admin:newsletter_issue_changelist"),
        {"action": "send_test", "_selected_action": [issue.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        f"1 testmejl skickat till {staff.email}."
    ]
    for emails, expected in [
        (["a@example.se"], "1 adress avregistrerad."),
        (["b@example.se", "c@example.se"], "2 adresser avregistrerade."),
    ]:
        chosen = [subscriber(email).pk for email in emails]
        response = client.post(
            reverse("admin:newsletter_subscriber_changelist"),
            {"action": "unsubscribe", "_selected_action": chosen},
            follow=True,
        )
        assert [str(m) for m in response.context["messages"]] == [expected]
    assert Subscriber.objects.filter(status=Subscriber.Status.UNSUBSCRIBED).count() == 3


def test_scheduling_from_admin_waits_for_the_beat(client, frozen_now):
    staff = staff_user("newsletter.view_issue", "newsletter.change_issue")
    issue = Issue.objects.create(subject="Utkast", body="Hej", created_at=frozen_now)
    client.force_login(staff)
    client.post(
        reverse("admin:newsletter_issue_changelist"),
        {"action": "schedule", "_selected_action": [issue.pk]},
    )
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SCHEDULED
    assert issue.scheduled_at == frozen_now
    assert mail.outbox == []


def test_scheduling_from_admin_says_how_many_were_scheduled_and_which_were_refused_and_why(
    client, frozen_now
):
    staff = staff_user("newsletter.view_issue", "newsletter.change_issue")
    drafts = [
        Issue.objects.create(subject=f"Utkast {n}", body="Hej", created_at=frozen_now)
        for n in (1, 2)
    ]
    sent = Issue.objects.create(
        subject="Redan skickat", body="Hej", created_at=frozen_now, status=Issue.Status.SENT
    )
    client.force_login(staff)
    url = reverse("admin:newsletter_issue_changelist")

    def said(issues):
        chosen = {"action": "schedule", "_selected_action": [i.pk for i in issues]}
        response = client.post(url, chosen, follow=True)
        return [str(m) for m in response.context["messages"]]

    assert said(drafts[:1]) == ["1 nummer har schemalagts."]
    assert said([*drafts, sent]) == [
        "2 nummer har schemalagts.",
        "1 nummer schemalades inte. Redan skickat: Bara ett utkast kan schemaläggas.",
    ]
    assert said([sent]) == [
        "1 nummer schemalades inte. Redan skickat: Bara ett utkast kan schemaläggas."
    ]


def test_the_change_page_shows_the_progress_of_a_send(client, issue, frozen_now):
    subscriber("a@example.se")
    subscriber("b@example.se")
    sending.send_issue(issue=issue, now=frozen_now)
    client.force_login(staff_user("newsletter.view_issue"))
    html = client.get(reverse("admin:newsletter_issue_change", args=[issue.pk])).content.decode()
    assert "2 skickade, 0 hoppades över, 0 avbrutna, av 2" in html


def test_a_sent_issue_cannot_be_deleted_from_admin(client, issue):
    client.force_login(staff_user(is_superuser=True))
    response = client.get(reverse("admin:newsletter_issue_delete", args=[issue.pk]))
    assert response.status_code == 403
