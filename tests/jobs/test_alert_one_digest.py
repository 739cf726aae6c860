"""At most one e-mail a day for a person, however many alerts they have: no second alert
for the same search (a double click on "save" included), and one digest that groups the
ads of all their alerts, each ad once, under the alerts it matched, each alert named by
its search and with its own link that stops it."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jobs.models import JobAlert, JobAlertSentAd
from jobs.services import alerts, digests
from tests.factories import AdFactory, UserFactory

from .test_alerts import subscribed

pytestmark = pytest.mark.django_db


def test_a_second_alert_for_the_same_search_is_not_saved_and_leads_to_the_first(client, taxonomy):
    user = UserFactory()
    client.force_login(user)
    search = {"q": "bagare", "extent": "full_time", "consent": "on"}

    client.post(reverse("jobs:alert_create"), search)
    again = client.post(reverse("jobs:alert_create"), {**search, "name": "Igen"}, follow=True)

    [alert] = JobAlert.objects.filter(user=user)
    page = again.content.decode()
    assert again.redirect_chain[-1][0] == reverse("jobs:alerts") + f"#alert-{alert.pk}"
    assert "Du har redan en jobbevakning för den här sökningen" in page
    assert f'href="{reverse("jobs:alerts")}#alert-{alert.pk}"' in page


def test_another_order_of_the_results_is_the_same_search(client, taxonomy):
    user = UserFactory()
    client.force_login(user)

    client.post(reverse("jobs:alert_create"), {"q": "bagare", "consent": "on"})
    client.post(reverse("jobs:alert_create"), {"q": "bagare", "sort": "newest", "consent": "on"})
    client.post(reverse("jobs:alert_create"), {"q": "kock", "consent": "on"})

    assert JobAlert.objects.filter(user=user).count() == 2


def test_a_stopped_alert_does_not_stop_a_new_one_for_the_same_search(client, taxonomy):
    user = UserFactory()
    subscribed(
        user=user, criteria={"q": "bagare"}, stopped_at=timezone.now(), stop_reason="deleted"
    )
    client.force_login(user)

    client.post(reverse("jobs:alert_create"), {"q": "bagare", "consent": "on"})

    assert JobAlert.objects.running().filter(user=user).count() == 1


def _digest_of_two_alerts(django_capture_on_commit_callbacks):
    user = UserFactory()
    bakers = subscribed(user=user, criteria={"q": "bagare"})
    umea = subscribed(user=user, criteria={"q": "umeå"}, name="Norrut")
    published = timezone.now() - dt.timedelta(hours=2)
    both = AdFactory(title="Bagare i Umeå", published_at=published)
    only_bakers = AdFactory(title="Bagare i Lund", published_at=published)
    with django_capture_on_commit_callbacks(execute=True):
        counts = digests.send_due_digests(now=timezone.now())
    return (bakers, umea), (both, only_bakers), counts


def test_two_alerts_of_one_person_send_one_mail_with_each_ad_once(
    taxonomy, django_capture_on_commit_callbacks
):
    (bakers, umea), (both, only_bakers), counts = _digest_of_two_alerts(
        django_capture_on_commit_callbacks
    )

    [digest] = mail.outbox
    assert counts == {"alerts": 2, "emails": 1, "ads": 2}
    assert digest.subject == "2 nya jobb för dig"
    for body in (digest.body, digest.alternatives[0][0]):
        assert body.count(both.get_absolute_url()) == 1
        assert body.count(only_bakers.get_absolute_url()) == 1
        assert "Din bevakning: Ord: ”bagare”" in body
        assert "Din bevakning: Norrut (Ord: ”umeå”)" in body
    text = digest.body
    # The ad both alerts matched is under both of them, the other under its own alone.
    both_section = text.split(both.title)[0].rsplit("\n\n", 1)[-1]
    assert "bagare" in both_section and "Norrut" in both_section
    assert set(JobAlertSentAd.objects.values_list("alert_id", "ad_id")) == {
        (bakers.pk, both.pk),
        (umea.pk, both.pk),
        (bakers.pk, only_bakers.pk),
    }


def test_a_person_has_at_most_one_digest_a_day_whichever_alert_finds_ads_later(
    taxonomy, django_capture_on_commit_callbacks
):
    user = UserFactory()
    subscribed(user=user, criteria={"q": "bagare"})
    later = subscribed(user=user, criteria={"q": "kock"})
    now = timezone.now()
    AdFactory(title="Bagare", published_at=now - dt.timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_due_digests(now=now)
    AdFactory(title="Kock", published_at=now + dt.timedelta(minutes=5))

    with django_capture_on_commit_callbacks(execute=True):
        digests.send_due_digests(now=now + dt.timedelta(minutes=10))
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_due_digests(now=now + dt.timedelta(days=1))
    assert len(mail.outbox) == 2
    assert "Kock" in mail.outbox[1].body
    later.refresh_from_db()
    assert later.last_sent_on == timezone.localdate(now + dt.timedelta(days=1))


def _links_of(body: str) -> dict[int, str]:
    """The unsubscribe links in a digest, by the alert each stands for (a link made again
    here could carry another second's timestamp)."""
    prefix = alerts.unsubscribe_url(JobAlert.objects.first()).rsplit("/", 2)[0] + "/"
    found = re.findall(re.escape(prefix) + r"[^/\s]+/", body)
    return {alerts.alert_from_token(url.removeprefix(prefix).strip("/")).pk: url for url in found}


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_each_alert_s_own_link_in_the_digest_stops_that_alert_only(
    client, taxonomy, django_capture_on_commit_callbacks
):
    (bakers, umea), _, _ = _digest_of_two_alerts(django_capture_on_commit_callbacks)
    [digest] = mail.outbox
    links = _links_of(digest.body)
    assert {bakers.pk, umea.pk} <= set(links)
    assert set(_links_of(digest.alternatives[0][0])) == set(links)

    page = client.get(_path(links[umea.pk])).content.decode()
    client.post(_path(links[umea.pk]), {"only": "this"})

    assert "Norrut" in page
    bakers.refresh_from_db()
    umea.refresh_from_db()
    assert not umea.is_running and bakers.is_running
    assert umea.stop_reason == JobAlert.StopReason.WITHDRAWN


def test_the_one_click_unsubscribe_of_the_digest_stops_every_alert(
    client, taxonomy, django_capture_on_commit_callbacks
):
    (bakers, umea), _, _ = _digest_of_two_alerts(django_capture_on_commit_callbacks)
    [digest] = mail.outbox
    url = digest.extra_headers["List-Unsubscribe"].strip("<>")

    client.post(_path(url), {"List-Unsubscribe": "One-Click"})

    assert not JobAlert.objects.running().filter(pk__in=[bakers.pk, umea.pk]).exists()


def test_a_person_s_alerts_stay_in_one_batch(taxonomy, monkeypatch):
    monkeypatch.setattr(digests, "DIGEST_BATCH_SIZE", 2)
    first, second = UserFactory(), UserFactory()
    a = subscribed(user=first, criteria={"q": "a"})
    b = subscribed(user=second, criteria={"q": "b"})
    c = subscribed(user=first, criteria={"q": "c"})
    d = subscribed(user=second, criteria={"q": "d"})

    assert list(digests.digest_batches(now=timezone.now())) == [[a.pk, c.pk], [b.pk, d.pk]]
