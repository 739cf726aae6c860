import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jobs.models import JobAlert, JobAlertSentAd
from jobs.services import alerts, digests
from privacy import consent, restrictions
from privacy.models import ConsentRecord
from tests.factories import AdFactory, ClosedAdFactory, UserFactory
from tests.factories.jobs import JobAlertFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")

WORDING = "Jag vill ha jobbevakning."


def subscribed(*, user=None, criteria=None, language="", **kwargs):
    user = user or UserFactory()
    consent.give_consent(
        purpose="job_alerts",
        user=user,
        email=user.email,
        wording=WORDING if language in ("", "sv") else f"{WORDING} ({language})",
        method="form",
        ip=None,
        now=timezone.now() - dt.timedelta(days=2),
        language=language,
    )
    return JobAlertFactory(user=user, email=user.email, criteria=criteria or {}, **kwargs)


def digest_ads(message):
    return message.body


def test_a_seeker_saves_a_search_as_an_alert_with_consent(client, taxonomy):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("jobs:alert_create"),
        {
            "q": "utvecklare",
            "extent": "full_time",
            "name": "Utvecklarjobb",
            "consent": "on",
        },
    )

    assert response.status_code == 302
    alert = JobAlert.objects.get(user=user)
    assert alert.criteria == {"q": "utvecklare", "extent": "full_time"}
    record = ConsentRecord.objects.get(user=user, purpose="job_alerts")
    assert record.wording.text == str(alerts.CONSENT_WORDING)
    assert consent.has_consent(purpose="job_alerts", user=user)


def test_an_alert_needs_the_consent_box(client, taxonomy):
    client.force_login(UserFactory())

    response = client.post(reverse("jobs:alert_create"), {"q": "kock"})

    assert response.status_code == 200
    assert not JobAlert.objects.exists()
    assert not ConsentRecord.objects.exists()


def test_the_digest_holds_exactly_the_new_matching_ads(
    taxonomy, django_capture_on_commit_callbacks
):
    alert = subscribed(criteria={"q": "bagare"})
    new_match = AdFactory(title="Bagare", published_at=timezone.now() - dt.timedelta(hours=2))
    AdFactory(title="Kock", published_at=timezone.now() - dt.timedelta(hours=2))  # no match
    AdFactory(title="Bagare", published_at=timezone.now() - dt.timedelta(days=3))  # old
    ClosedAdFactory(title="Bagare")

    with django_capture_on_commit_callbacks(execute=True):
        counts = digests.send_due_digests(now=timezone.now())

    assert counts == {"alerts": 1, "emails": 1, "ads": 1}
    [message] = mail.outbox
    assert message.to == [alert.user.email]
    assert new_match.get_absolute_url() in message.body
    assert list(JobAlertSentAd.objects.values_list("ad_id", flat=True)) == [new_match.pk]


def test_every_digest_has_one_click_unsubscribe_headers(
    taxonomy, django_capture_on_commit_callbacks
):
    alert = subscribed()
    AdFactory(published_at=timezone.now() - dt.timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        digests.send_due_digests(now=timezone.now())

    [message] = mail.outbox
    # The link is read from the mail (made again here, its signature could carry another
    # second's timestamp) and checked by what it stands for.
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<") and header.endswith(">")
    url = header[1:-1]
    prefix = alerts.unsubscribe_url(alert).rsplit("/", 2)[0] + "/"
    assert url.startswith(prefix)
    assert alerts.alert_from_token(url.removeprefix(prefix).strip("/")) == alert
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body


def test_at_most_one_digest_a_day_and_never_the_same_ad_twice(
    taxonomy, django_capture_on_commit_callbacks
):
    alert = subscribed()
    ad = AdFactory(published_at=timezone.now() - dt.timedelta(hours=1))
    now = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        digests.send_due_digests(now=now)
        AdFactory(published_at=now + dt.timedelta(minutes=5))
        digests.send_due_digests(now=now + dt.timedelta(minutes=10))  # same day
    assert len(mail.outbox) == 1

    alert.refresh_from_db()
    alert.checked_until = now - dt.timedelta(days=5)  # as if the clock were wrong
    alert.save()
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_due_digests(now=now + dt.timedelta(days=1))
    assert len(mail.outbox) == 2
    assert ad.get_absolute_url() not in mail.outbox[1].body


def test_no_email_when_nothing_new(taxonomy, django_capture_on_commit_callbacks):
    subscribed()

    with django_capture_on_commit_callbacks(execute=True):
        digests.send_due_digests(now=timezone.now())

    assert mail.outbox == []


def test_unsubscribe_by_the_link_works_signed_out_and_is_recorded(client, taxonomy):
    alert = subscribed()
    url = reverse("jobs:alert_unsubscribe", args=[alerts.unsubscribe_token(alert)])

    page = client.get(url)
    assert page.status_code == 200
    alert.refresh_from_db()
    assert alert.is_running  # a GET (a link scanner) changes nothing

    response = client.post(url)

    assert response.status_code == 200
    alert.refresh_from_db()
    assert alert.stop_reason == JobAlert.StopReason.WITHDRAWN
    record = ConsentRecord.objects.get(user=alert.user, purpose="job_alerts")
    assert record.withdrawn_at is not None
    assert record.withdrawal_method == "unsubscribe_link"
    assert not consent.has_consent(purpose="job_alerts", user=alert.user)


def test_mail_clients_can_unsubscribe_with_one_post(client, taxonomy):
    alert = subscribed()
    url = reverse("jobs:alert_unsubscribe", args=[alerts.unsubscribe_token(alert)])

    client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")

    alert.refresh_from_db()
    assert not alert.is_running


def test_a_forged_unsubscribe_token_is_refused(client, taxonomy):
    alert = subscribed()
    token = alerts.unsubscribe_token(alert)[:-2] + "xx"

    response = client.post(reverse("jobs:alert_unsubscribe", args=[token]))

    assert response.status_code == 404
    alert.refresh_from_db()
    assert alert.is_running


def test_the_link_of_an_alert_deleted_since_says_nothing_more_is_sent(client, taxonomy):
    """Deleted with its account: the link said "not valid, copy the whole link"."""
    alert = subscribed()
    url = reverse("jobs:alert_unsubscribe", args=[alerts.unsubscribe_token(alert)])
    alert.delete()
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 200
        assert "finns inte längre: du får inga fler mejl" in response.text


def _digest(now=None):
    AdFactory(published_at=timezone.now() - dt.timedelta(hours=1))
    return digests.send_due_digests(now=now or timezone.now())


def test_no_email_after_withdrawal(taxonomy, django_capture_on_commit_callbacks):
    alert = subscribed()
    alerts.unsubscribe(alert=alert, method="unsubscribe_link", now=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        _digest()

    assert mail.outbox == []


def test_no_email_when_consent_was_withdrawn_elsewhere(
    taxonomy, django_capture_on_commit_callbacks
):
    alert = subscribed()
    consent.withdraw_consent(
        purpose="job_alerts", user=alert.user, method="account_settings", now=timezone.now()
    )

    with django_capture_on_commit_callbacks(execute=True):
        _digest()

    assert mail.outbox == []
    alert.refresh_from_db()
    assert not alert.is_running


def last_seen_that_lapses_today():
    """The latest last-seen day whose alerts lapse today under seeker.job_alerts (two years;
    from 29 February the day two years back does not exist, so the rule's own arithmetic
    says which day it is)."""
    from privacy.retention import last_due_clock
    from privacy.rules import get_rule

    return last_due_clock(get_rule("seeker.job_alerts"), timezone.localdate())


def test_alerts_lapse_two_years_after_the_last_sign_in(
    stopped_now, taxonomy, django_capture_on_commit_callbacks
):
    user = UserFactory(last_seen_on=last_seen_that_lapses_today())
    alert = subscribed(user=user, last_seen_on=user.last_seen_on)

    with django_capture_on_commit_callbacks(execute=True):
        _digest()

    assert mail.outbox == []
    alert.refresh_from_db()
    assert alert.stop_reason == JobAlert.StopReason.LAPSED
    assert not consent.has_consent(purpose="job_alerts", user=user)


def test_alerts_run_the_day_before_they_lapse(taxonomy, django_capture_on_commit_callbacks):
    seen = last_seen_that_lapses_today() + dt.timedelta(days=1)
    user = UserFactory(last_seen_on=seen)
    subscribed(user=user, last_seen_on=seen)

    with django_capture_on_commit_callbacks(execute=True):
        _digest()

    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("today", "seen", "lapsed"),
    [
        (dt.date(2028, 2, 29), dt.date(2026, 2, 28), True),
        (dt.date(2028, 2, 29), dt.date(2026, 3, 1), False),
        (dt.date(2026, 2, 28), dt.date(2024, 2, 29), True),
        (dt.date(2026, 2, 27), dt.date(2024, 2, 29), False),
    ],
)
def test_two_years_from_or_to_29_february_end_on_28_february(
    time_machine, taxonomy, django_capture_on_commit_callbacks, today, seen, lapsed
):
    time_machine.move_to(dt.datetime.combine(today, dt.time(12), tzinfo=STOCKHOLM), tick=False)
    alert = subscribed(user=UserFactory(last_seen_on=seen), last_seen_on=seen)

    with django_capture_on_commit_callbacks(execute=True):
        _digest()

    alert.refresh_from_db()
    assert (alert.stop_reason == JobAlert.StopReason.LAPSED) is lapsed
    assert alert.is_running is not lapsed
    assert consent.has_consent(purpose="job_alerts", user=alert.user) is not lapsed


def test_a_restricted_person_gets_no_alerts(taxonomy, django_capture_on_commit_callbacks):
    alert = subscribed()
    restrictions.restrict(
        user=alert.user, reason="Bestridd uppgift", by=UserFactory(), now=timezone.now()
    )

    with django_capture_on_commit_callbacks(execute=True):
        _digest()

    assert mail.outbox == []


def test_a_suppressed_address_gets_no_alerts(taxonomy, django_capture_on_commit_callbacks):
    alert = subscribed()
    consent.suppress(email=alert.email)

    with django_capture_on_commit_callbacks(execute=True):
        _digest()

    assert mail.outbox == []


def test_the_beat_schedule_sends_the_digest_daily():
    from config.celery import BEAT_SCHEDULE

    entry = BEAT_SCHEDULE["jobs-alert-digests"]
    assert entry["task"] == "jobs.tasks.send_job_alert_digests"


def test_the_alert_form_shows_the_search_in_words(client, taxonomy):
    from taxonomy.models import Municipality

    place = Municipality.objects.first()
    client.force_login(UserFactory())

    html = client.get(
        reverse("jobs:alert_create"),
        {"q": "kock", "municipality": place.slug, "extent": "part_time"},
    ).content.decode()

    assert "kock" in html
    assert place.name in html
    assert "Deltid" in html
    assert str(alerts.CONSENT_WORDING)[:40] in html


def test_an_alert_with_a_distance_without_a_place_is_refused(client, taxonomy):
    user = UserFactory()
    client.force_login(user)
    search = {"q": "kock", "distance_km": "25"}

    html = client.get(reverse("jobs:alert_create"), search).content.decode()
    response = client.post(reverse("jobs:alert_create"), {**search, "consent": "on"})

    assert "Ett avstånd behöver en ort att mätas från" in html
    assert 'name="consent"' not in html
    assert response.status_code == 400
    assert not JobAlert.objects.filter(user=user).exists()


def test_an_alert_keeps_a_place_with_the_default_distance_it_was_shown(client, taxonomy):
    user = UserFactory()
    client.force_login(user)

    html = client.get(reverse("jobs:alert_create"), {"near": "malmo"}).content.decode()
    client.post(reverse("jobs:alert_create"), {"near": "malmo", "consent": "on"})

    assert "Inom: 25 km" in html
    assert JobAlert.objects.get(user=user).criteria == {"near": "malmo", "distance_km": 25}


def test_an_alert_with_a_municipality_of_another_county_is_refused(client, taxonomy):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("jobs:alert_create"),
        {"county": "skane", "municipality": "kiruna", "consent": "on"},
    )

    assert response.status_code == 400
    assert "Kiruna ligger inte i" in response.content.decode()
    assert not JobAlert.objects.filter(user=user).exists()


def test_the_retention_rule_stops_a_lapsed_alert_and_starts_its_consent_clock(
    stopped_now, taxonomy
):
    from privacy import enforcement

    today = timezone.localdate()
    seen = last_seen_that_lapses_today()
    user = UserFactory(last_seen_on=seen)
    lapsed = subscribed(user=user, last_seen_on=seen)
    running = subscribed(last_seen_on=seen + dt.timedelta(days=1))
    now = timezone.now()

    enforcement.enforce(as_of=today, now=now, trigger="test", rule="seeker.job_alerts")

    lapsed.refresh_from_db()
    running.refresh_from_db()
    assert (lapsed.stop_reason, lapsed.stopped_at) == (JobAlert.StopReason.LAPSED, now)
    assert not consent.has_consent(purpose="job_alerts", user=user)
    assert ConsentRecord.objects.get(user=user, purpose="job_alerts").ended_at == now
    assert running.is_running
    assert consent.has_consent(purpose="job_alerts", user=running.user)


def test_the_results_lead_a_visitor_to_an_alert_through_signing_in(client, taxonomy):
    """Alerts belong to an account: a visitor is offered to sign in for one, and lands on
    the alert form of the same search."""
    from urllib.parse import quote

    from tests.factories import AdFactory, UserFactory

    AdFactory(title="Sjuksköterska")
    url = reverse("jobs:search") + "?q=sjuksk%C3%B6terska"
    page = client.get(url).content.decode()
    alert_url = reverse("jobs:alert_create") + "?q=sjuksk%C3%B6terska"
    assert "Logga in för att få nya jobb som dessa via e-post" in page
    login = reverse("account_login") + "?for=alert&amp;next=" + quote(alert_url, safe="/")
    assert login in page

    user = UserFactory()
    client.force_login(user)
    page = client.get(url).content.decode()
    assert f'href="{alert_url}"' in page and "Logga in för att få" not in page


def test_a_search_with_no_word_offers_no_alert(client, taxonomy):
    from tests.factories import UserFactory

    for who in (None, UserFactory()):
        if who is not None:
            client.force_login(who)
        page = client.get(reverse("jobs:search") + "?q=-").content.decode()
        assert reverse("jobs:alert_create") not in page
        assert "inget ord att söka efter" in page
