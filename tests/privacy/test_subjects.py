import datetime as dt
import io
import json
import zipfile

import pytest
from dateutil.relativedelta import relativedelta
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from jobs.models import Ad, Application, ApplicationDocument
from privacy import consent, holds, registry, subjects
from privacy.consent import ConsentMethod, Purpose
from privacy.models import ConsentRecord
from privacy.restrictions import is_restricted
from tests.factories import AdFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def apply(seeker, *, text="Jag vill gärna jobba hos er."):
    application = Application.objects.create(ad=AdFactory(), seeker=seeker, message=text)
    document = ApplicationDocument(
        application=application,
        title="CV",
        original_name="cv.pdf",
        content_type="application/pdf",
        size=9,
    )
    document.file.save("cv.pdf", ContentFile(f"CV of {seeker.pk}".encode()), save=True)
    return application, document


@pytest.fixture
def two_people(taxonomy):
    anna, bertil = UserFactory(email="anna@example.se"), UserFactory(email="bertil@example.se")
    for person in (anna, bertil):
        apply(person)
        consent.give_consent(
            purpose=Purpose.NEWSLETTER,
            user=person,
            wording="Ja tack",
            method=ConsentMethod.FORM,
            ip="192.0.2.1",
            now=NOW,
        )
    return anna, bertil


def records(report):
    return {item["record"] for c in report["categories"] for item in c["items"]}


def test_collect_returns_every_row_of_the_person_and_nothing_of_anyone_else(two_people):
    anna, bertil = two_people
    report = subjects.collect(user=anna, now=NOW)
    mine = records(report)
    application = Application.objects.get(seeker=anna)
    assert f"jobs.Application#{application.pk}" in mine
    assert f"jobs.ApplicationDocument#{application.documents.get().pk}" in mine
    assert f"privacy.ConsentRecord#{ConsentRecord.objects.get(user=anna).pk}" in mine
    others = records(subjects.collect(user=bertil, now=NOW))
    assert not mine & others
    assert "bertil" not in json.dumps(report)


def test_each_collected_row_has_purpose_legal_basis_recipients_and_deletion_date(two_people):
    anna, _ = two_people
    report = subjects.collect(user=anna, now=NOW)
    item = next(
        i
        for c in report["categories"]
        for i in c["items"]
        if i["record"].startswith("jobs.Application#")
    )
    assert item["purpose"] and item["legal_basis"] and item["recipients"]
    sent = Application.objects.get(seeker=anna).submitted_at
    assert item["deletion_date"] == (timezone.localdate(sent) + relativedelta(months=6)).isoformat()
    assert item["data"]["message"] == "Jag vill gärna jobba hos er."


def test_the_export_zip_holds_data_json_and_the_persons_files_only(two_people):
    anna, _ = two_people
    buffer = io.BytesIO()
    subjects.write_export_zip(user=anna, now=NOW, fileobj=buffer)
    archive = zipfile.ZipFile(buffer)
    names = archive.namelist()
    assert "data.json" in names
    files = [n for n in names if n.startswith("files/")]
    assert len(files) == 1
    assert archive.read(files[0]) == f"CV of {anna.pk}".encode()
    data = json.loads(archive.read("data.json"))
    assert records(data) == records(subjects.collect(user=anna, now=NOW))


def test_erasure_leaves_nothing_findable_by_the_address_but_what_the_law_keeps(
    two_people, bookkeeping
):
    anna, bertil = two_people
    ad = AdFactory(contact_email="anna@example.se")
    report = subjects.erase(user=anna, by=None, now=NOW)
    assert not Application.objects.filter(seeker=anna).exists()
    assert not ApplicationDocument.objects.filter(application__seeker=anna).exists()
    assert not ConsentRecord.objects.filter(email="anna@example.se").exists()
    assert consent.is_suppressed("anna@example.se")
    left = subjects.collect(email="anna@example.se", now=NOW)
    kept = {i["record"] for c in left["categories"] for i in c["items"]}
    assert f"jobs.Ad#{ad.pk}" in kept  # bookkeeping, kept by law
    assert {r.split("#")[0] for r in kept} <= {"jobs.Ad", "privacy.Restriction"}
    assert any(k["reason"] == "The bookkeeping act." and k["until"] for k in report["kept"])
    assert is_restricted(email="anna@example.se")
    assert Application.objects.filter(seeker=bertil).exists()
    assert ConsentRecord.objects.filter(email="bertil@example.se").exists()


def test_erasure_never_deletes_bookkeeping_early(two_people, bookkeeping):
    ad = AdFactory(contact_email="anna@example.se")
    subjects.erase(email="anna@example.se", by=None, now=NOW)
    assert Ad.objects.filter(pk=ad.pk).exists()


def test_a_dry_run_erasure_reports_and_changes_nothing(two_people):
    anna, _ = two_people
    report = subjects.erase(user=anna, by=None, now=NOW, dry_run=True)
    assert report["deleted"]
    assert Application.objects.filter(seeker=anna).exists()
    assert ConsentRecord.objects.filter(user=anna).exists()


def test_erasure_keeps_rows_under_a_legal_hold_and_says_until_when(two_people):
    anna, _ = two_people
    application = Application.objects.get(seeker=anna)
    holds.place_hold(
        record=application,
        reason="Diskrimineringstvist",
        ends_on=timezone.localdate(NOW) + dt.timedelta(days=365),
        by=None,
        now=NOW,
    )
    report = subjects.erase(user=anna, by=None, now=NOW)
    assert Application.objects.filter(pk=application.pk).exists()
    assert any(k["count"] == 1 for k in report["kept"])


def test_a_person_hold_keeps_every_row_of_the_person(two_people):
    anna, _ = two_people
    holds.place_hold(email="anna@example.se", reason="Tvist", by=None, now=NOW)
    report = subjects.erase(user=anna, by=None, now=NOW)
    assert not report["deleted"]
    assert Application.objects.filter(seeker=anna).exists()
    assert ConsentRecord.objects.filter(user=anna).exists()


def test_export_and_erase_commands_work_by_email(two_people, tmp_path):
    out = tmp_path / "anna.zip"
    call_command("export_subject", "anna@example.se", "--out", str(out), stdout=io.StringIO())
    assert "data.json" in zipfile.ZipFile(out).namelist()
    printed = io.StringIO()
    call_command("erase_subject", "anna@example.se", "--dry-run", stdout=printed)
    assert "DRY RUN" in printed.getvalue()
    assert Application.objects.filter(seeker__email="anna@example.se").exists()


def test_erasure_keeps_only_the_rows_whose_deletion_would_reach_a_held_row(two_people):
    anna, _ = two_people
    first = Application.objects.get(seeker=anna)
    second, document = apply(anna)
    holds.place_hold(record=document, reason="Tvist", by=None, now=NOW)
    dry = subjects.erase(user=anna, by=None, now=NOW, dry_run=True)
    report = subjects.erase(user=anna, by=None, now=NOW)
    assert dry["deleted"] == report["deleted"]
    assert not Application.objects.filter(pk=first.pk).exists()
    assert Application.objects.filter(pk=second.pk).exists()
    assert ApplicationDocument.objects.filter(pk=document.pk).exists()
    kept = {k["category"]: k["count"] for k in report["kept"]}
    for model in ("jobs.Application", "jobs.ApplicationDocument"):
        assert kept[str(registry.for_model(model)[0].category)] == 1


def test_the_erase_command_refuses_an_empty_address_with_the_services_message():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="e-postadress"):
        call_command("erase_subject", " ", stdout=io.StringIO())


def test_what_erasure_keeps_is_said_once_per_category_and_reason():
    """A request and its timeline are one category: the receipt said "Your requests about
    your personal data (4)" and again "(2)"."""
    from privacy.subjects import _merged

    entries = [
        {"category": "Requests", "count": 4, "reason": "The law.", "until": "2031-01-01"},
        {"category": "Requests", "count": 2, "reason": "The law.", "until": "2031-06-01"},
        {"category": "Requests", "count": 1, "reason": "A hold.", "until": None},
        {"category": "Invoices", "count": 3, "reason": "The law.", "until": "2030-12-31"},
    ]
    assert _merged(entries) == [
        {"category": "Requests", "count": 6, "reason": "The law.", "until": "2031-06-01"},
        {"category": "Requests", "count": 1, "reason": "A hold.", "until": None},
        {"category": "Invoices", "count": 3, "reason": "The law.", "until": "2030-12-31"},
    ]
    assert _merged([{"category": "Ads", "count": 1}, {"category": "Ads", "count": 2}]) == [
        {"category": "Ads", "count": 3}
    ]
