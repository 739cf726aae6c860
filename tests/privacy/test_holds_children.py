"""A legal hold on a record protects what belongs to it: its children by foreign key and
their files, in the retention engine, in the forecast and in erasure."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from jobs.models import Ad, AdRevision, Application, ApplicationDocument
from jobs.models.moderation import ModeratedAd
from privacy import enforcement, holds, subjects
from privacy.models import EnforcementRun
from tests.factories import AdFactory, UserFactory
from tests.factories.jobs import ApplicationDocumentFactory, ApplicationFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2026, 6, 1, 3, tzinfo=dt.UTC)
SENT = dt.datetime(2025, 11, 1, 12, tzinfo=STOCKHOLM)
# applications.portal: 6 months after sending
LAST_DAY_KEPT, FIRST_DAY_GONE = dt.date(2026, 4, 30), dt.date(2026, 5, 1)


def run(as_of, rule):
    return enforcement.enforce(
        as_of=as_of, now=NOW, trigger=EnforcementRun.Trigger.TEST, rule=rule
    ).counts[rule]


@pytest.fixture
def sent(taxonomy):
    """An application sent on SENT with one attachment (a file on disk)."""
    document = ApplicationDocumentFactory(application=ApplicationFactory(submitted_at=SENT))
    return document.application, document


def test_attachments_go_with_their_application_when_nothing_is_held(
    sent, django_capture_on_commit_callbacks
):
    application, document = sent
    run(LAST_DAY_KEPT, "applications.portal")
    assert ApplicationDocument.objects.filter(pk=document.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        run(FIRST_DAY_GONE, "applications.portal")
    assert not Application.objects.filter(pk=application.pk).exists()
    assert not ApplicationDocument.objects.filter(pk=document.pk).exists()
    assert not document.file.storage.exists(document.file.name)


def test_a_held_application_keeps_its_attachments_and_their_files(
    sent, django_capture_on_commit_callbacks
):
    application, document = sent
    holds.place_hold(record=application, reason="Diskrimineringstvist", by=None, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        counts = run(FIRST_DAY_GONE, "applications.portal")
    assert Application.objects.filter(pk=application.pk).exists()
    assert ApplicationDocument.objects.filter(pk=document.pk).exists()
    assert document.file.storage.exists(document.file.name)
    assert (counts["acted"], counts["held"]) == (0, 2)


def test_the_attachments_go_once_the_hold_on_the_application_is_released(
    sent, django_capture_on_commit_callbacks
):
    application, document = sent
    hold = holds.place_hold(record=application, reason="Tvist", by=None, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        run(FIRST_DAY_GONE, "applications.portal")
    assert document.file.storage.exists(document.file.name)
    holds.release_hold(hold=hold, by=None, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        run(FIRST_DAY_GONE, "applications.portal")
    assert not ApplicationDocument.objects.filter(pk=document.pk).exists()
    assert not document.file.storage.exists(document.file.name)


def test_the_forecast_counts_held_attachments_as_held(sent):
    application, _ = sent
    other = ApplicationDocumentFactory(application=ApplicationFactory(submitted_at=SENT))
    holds.place_hold(record=application, reason="Tvist", by=None, now=NOW)
    counts = enforcement.forecast(as_of=FIRST_DAY_GONE)["applications.portal"]
    assert counts == {"acted": 2, "held": 2, "restricted": 0}
    assert ApplicationDocument.objects.filter(pk=other.pk).exists()  # nothing changed


def ended_ad_with_history():
    ad = AdFactory(status=Ad.Status.FILLED, ends_at=dt.datetime(2020, 1, 10, tzinfo=STOCKHOLM))
    revision = AdRevision.objects.create(ad=ad, kind=AdRevision.Kind.FILLED, changes={"x": [1, 2]})
    return ad, revision


def test_a_held_ad_keeps_its_change_history(taxonomy):
    held_ad, held_revision = ended_ad_with_history()
    free_ad, free_revision = ended_ad_with_history()
    holds.place_hold(record=held_ad, reason="Tvist om annonsen", by=None, now=NOW)
    run(dt.date(2025, 1, 9), "ads.ad")
    assert AdRevision.objects.filter(pk=free_revision.pk).exists()  # the day before
    counts = run(dt.date(2025, 1, 10), "ads.ad")
    assert Ad.objects.filter(pk=held_ad.pk).exists()
    assert AdRevision.objects.filter(pk=held_revision.pk).exists()
    assert not Ad.objects.filter(pk=free_ad.pk).exists()
    assert not AdRevision.objects.filter(pk=free_revision.pk).exists()
    assert counts["held"] == 2


def test_a_hold_placed_on_the_moderation_view_of_an_ad_holds_the_ad(taxonomy):
    ad, revision = ended_ad_with_history()
    holds.place_hold(record=ModeratedAd.objects.get(pk=ad.pk), reason="Tvist", by=None, now=NOW)
    run(dt.date(2025, 1, 10), "ads.ad")
    assert Ad.objects.filter(pk=ad.pk).exists()
    assert AdRevision.objects.filter(pk=revision.pk).exists()


def test_erasure_keeps_a_held_application_with_its_attachments_and_files(
    taxonomy, django_capture_on_commit_callbacks
):
    seeker = UserFactory()
    document = ApplicationDocumentFactory(application=ApplicationFactory(seeker=seeker))
    application = document.application
    free = ApplicationDocumentFactory(application=ApplicationFactory(seeker=seeker))
    holds.place_hold(record=application, reason="Tvist", by=None, now=NOW)
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        report = subjects.erase(user=seeker, by=None, now=NOW)
    assert ApplicationDocument.objects.filter(pk=document.pk).exists()
    assert document.file.storage.exists(document.file.name)
    assert Application.objects.filter(pk=application.pk).exists()
    assert not ApplicationDocument.objects.filter(pk=free.pk).exists()
    assert not free.file.storage.exists(free.file.name)
    kept = {entry["category"]: entry["count"] for entry in report["kept"]}
    assert kept["Documents attached to applications"] == 1


def test_a_hold_on_a_person_reaches_their_rows_under_their_other_verified_address(taxonomy):
    from allauth.account.models import EmailAddress

    user = UserFactory(email="tvist@example.se")
    EmailAddress.objects.create(user=user, email="jobb@example.se", verified=True)
    ad = AdFactory(
        contact_email="jobb@example.se",
        status=Ad.Status.FILLED,
        ends_at=dt.datetime(2020, 1, 10, tzinfo=STOCKHOLM),
    )
    holds.place_hold(email="tvist@example.se", reason="Tvist", by=None, now=NOW)
    run(dt.date(2025, 1, 10), "ads.ad")
    assert Ad.objects.filter(pk=ad.pk).exists()
