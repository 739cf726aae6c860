"""Export fidelity (issue 11, defect 7): each item in `export_subject` and the My data ZIP
says what it is. An application its sending time, ad and company; a job alert its criteria,
creation and lapse; a consent its own purpose, the exact wording shown and the deletion
date of its own rule; an uploaded file its original name."""

import datetime as dt
import io
import json
import zipfile

import pytest
from dateutil.relativedelta import relativedelta
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from privacy import subjects
from privacy.models import Purpose
from privacy.retention import expiry_date
from privacy.rules import get_rule
from tests.factories import AdFactory, CompanyFactory, UserFactory
from tests.factories.companies import MembershipFactory, invoiced_ad
from tests.factories.jobs import ApplicationDocumentFactory, ApplicationFactory, JobAlertFactory
from tests.factories.privacy import ConsentRecordFactory, ConsentWordingFactory

pytestmark = pytest.mark.django_db


def items(report, label):
    return [
        item
        for category in report["categories"]
        for item in category["items"]
        if item["record"].startswith(f"{label}#")
    ]


@pytest.fixture
def anna(frozen_now):
    return UserFactory(email="anna@example.se", first_name="Anna", last_name="Åkesson")


def test_an_application_shows_when_it_was_sent_the_ad_title_and_the_company(
    anna, frozen_now, taxonomy
):
    ad = AdFactory(title="Lagerarbetare", company=CompanyFactory(name="Frakt AB"))
    sent = frozen_now - dt.timedelta(days=3)
    ApplicationFactory(ad=ad, seeker=anna, submitted_at=sent)
    [item] = items(subjects.collect(user=anna, now=frozen_now), "jobs.Application")
    assert item["data"]["ad__title"] == "Lagerarbetare"
    assert item["data"]["ad__company__name"] == "Frakt AB"
    assert dt.datetime.fromisoformat(item["data"]["submitted_at"]) == sent


def test_the_export_of_applications_takes_as_many_queries_for_one_as_for_three(
    anna, frozen_now, taxonomy
):
    ApplicationFactory(seeker=anna)
    with CaptureQueriesContext(connection) as one:
        subjects.collect(user=anna, now=frozen_now)
    ApplicationFactory.create_batch(2, seeker=anna)
    with CaptureQueriesContext(connection) as three:
        subjects.collect(user=anna, now=frozen_now)
    assert len(three) == len(one)


def test_a_job_alert_shows_its_criteria_its_creation_and_its_lapse_date(anna, frozen_now):
    created = frozen_now - dt.timedelta(days=40)
    seen = frozen_now.date() - dt.timedelta(days=5)
    JobAlertFactory(
        user=anna, criteria={"q": "lager", "county": "01"}, created_at=created, last_seen_on=seen
    )
    # The rule counts from the person's own last visit (issue 11, defect 6).
    type(anna).objects.filter(pk=anna.pk).update(last_seen_on=seen)
    [item] = items(subjects.collect(user=anna, now=frozen_now), "jobs.JobAlert")
    assert item["data"]["criteria"] == {"q": "lager", "county": "01"}
    assert dt.datetime.fromisoformat(item["data"]["created_at"]) == created
    lapse = next(s for s in item["schedule"] if s["rule"] == "seeker.job_alerts")
    assert lapse["action"] == "stop"
    assert lapse["on"] == (seen + relativedelta(years=2)).isoformat()
    # A running alert is described by its subscription, not by the proof kept after it.
    assert item["rules"] == ["seeker.job_alerts"]


def test_a_newsletter_consent_is_labelled_with_the_newsletter_purpose_and_its_wording(
    anna, frozen_now
):
    wording = ConsentWordingFactory(purpose=Purpose.NEWSLETTER, text="Ja, skicka nyhetsbrevet.")
    ConsentRecordFactory(purpose=Purpose.NEWSLETTER, user=anna, email=anna.email, wording=wording)
    [item] = items(subjects.collect(user=anna, now=frozen_now), "privacy.ConsentRecord")
    assert "nyhetsbrev" in item["purpose"]
    assert "jobbevakning" not in item["purpose"]
    assert item["rules"] == ["newsletter.consent"]
    assert item["data"]["wording__text"] == "Ja, skicka nyhetsbrevet."


def test_a_job_alert_consent_takes_its_deletion_date_from_its_own_rule(anna, frozen_now):
    ended = frozen_now - dt.timedelta(days=30)
    ConsentRecordFactory(
        purpose=Purpose.JOB_ALERTS,
        user=anna,
        email=anna.email,
        given_at=frozen_now - dt.timedelta(days=400),
        last_used_at=frozen_now - dt.timedelta(days=300),
        ended_at=ended,
    )
    [item] = items(subjects.collect(user=anna, now=frozen_now), "privacy.ConsentRecord")
    assert "jobbevakning" in item["purpose"]
    assert item["rules"] == ["seeker.job_alert_consent"]
    # Counted from the lapse (seeker.job_alert_consent), not from the last use (newsletter).
    own = expiry_date(get_rule("seeker.job_alert_consent"), ended)
    assert item["deletion_date"] == own.isoformat()
    assert own > ended.date() + relativedelta(years=2, days=-1)


def test_uploaded_files_keep_their_original_names_and_extensions(anna, frozen_now, taxonomy):
    document = ApplicationDocumentFactory(
        application=ApplicationFactory(seeker=anna),
        original_name="Anna_Åkesson_CV.pdf",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="file-3fa2.pdf"),
    )
    buffer = io.BytesIO()
    report = subjects.write_export_zip(user=anna, now=frozen_now, fileobj=buffer)
    with zipfile.ZipFile(buffer) as archive:
        names = archive.namelist()
        data = json.loads(archive.read("data.json"))
    expected = f"files/jobs.applicationdocument/{document.pk}/Anna_Åkesson_CV.pdf"
    assert expected in names
    [item] = items(report, "jobs.ApplicationDocument")
    assert item["files"] == [expected]
    assert items(data, "jobs.ApplicationDocument")[0]["files"] == [expected]


def test_an_invoice_pdf_is_named_by_its_number_not_its_stored_name(frozen_now, taxonomy):
    employer = MembershipFactory().user
    invoice = invoiced_ad(by=employer, now=frozen_now)
    buffer = io.BytesIO()
    subjects.write_export_zip(user=employer, now=frozen_now, fileobj=buffer)
    with zipfile.ZipFile(buffer) as archive:
        files = [n for n in archive.namelist() if n.startswith("files/")]
    assert files == [f"files/companies.invoice/{invoice.pk}/faktura-{invoice.number}.pdf"]


def test_an_original_name_cannot_climb_out_of_its_folder_in_the_zip(anna, frozen_now, taxonomy):
    document = ApplicationDocumentFactory(
        application=ApplicationFactory(seeker=anna), original_name="../../etc/passwd"
    )
    buffer = io.BytesIO()
    subjects.write_export_zip(user=anna, now=frozen_now, fileobj=buffer)
    with zipfile.ZipFile(buffer) as archive:
        files = [n for n in archive.namelist() if n.startswith("files/")]
    assert files == [f"files/jobs.applicationdocument/{document.pk}/passwd"]


def test_the_my_data_page_names_the_ad_and_company_of_an_application(
    anna, frozen_now, taxonomy, client
):
    from django.urls import reverse

    ad = AdFactory(title="Lagerarbetare", company=CompanyFactory(name="Frakt AB"))
    ApplicationFactory(ad=ad, seeker=anna)
    client.force_login(anna)
    page = client.get(reverse("accounts:my_data")).content.decode()
    assert "Lagerarbetare" in page
    assert "Frakt AB" in page
    assert "Annons: rubrik" in page


def test_the_my_data_page_shows_when_a_job_alert_stops(anna, frozen_now, client):
    from django.urls import reverse
    from django.utils import timezone

    JobAlertFactory(user=anna, last_seen_on=frozen_now.date() - dt.timedelta(days=5))
    client.force_login(anna)
    page = client.get(reverse("accounts:my_data")).content.decode()
    assert "Upphör" in page
    # Opening the page is a visit: the alert runs two years from today.
    assert (timezone.localdate(frozen_now) + relativedelta(years=2)).isoformat() in page
