import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse, translate_url

from accounts.models import Document, SeekerProfile, User
from rights.models import AccessReport
from tests.factories.accounts import DocumentFactory, SeekerProfileFactory, pdf_bytes

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@pytest.fixture
def cv(seeker):
    return DocumentFactory(owner=seeker, title="Mitt CV")


def test_my_data_lists_everything_with_its_deletion_date(frozen_now, seeker_client, seeker, cv):
    User.objects.filter(pk=seeker.pk).update(last_seen_on=frozen_now.date())
    SeekerProfileFactory(user=seeker, town="Kiruna")
    page = seeker_client.get(reverse("accounts:my_data")).content.decode()
    assert "Mitt CV raderas den 2027-11-25 om du inte loggar in före dess." in page
    assert reverse("accounts:document_download", args=[cv.pk]) in page
    for shown in (
        "Ditt konto",
        "Din profil",
        "Dina dokument",
        "Dina e-postadresser",
        "Kiruna",
        seeker.email,
        "Berättigat intresse, GDPR art. 6.1 f",  # privacy-rules.md: seekers under 6(1)(f)
    ):
        assert shown in page, shown


def test_my_data_shows_stored_choices_as_words_not_program_values(seeker_client, seeker, taxonomy):
    """A job alert's saved search reads as its parts, not as a Python dict."""
    from tests.factories.jobs import JobAlertFactory

    JobAlertFactory(user=seeker, criteria={"q": "utvecklare", "county": "stockholm"})
    page = seeker_client.get(reverse("accounts:my_data")).content.decode()
    assert "Ord: ”utvecklare” · Län: Stockholms län" in page  # as the alert form says it
    assert "county:" not in page and "q: utvecklare" not in page
    assert "{&#x27;q&#x27;" not in page and "{'q'" not in page


def test_my_data_is_in_english_under_en(frozen_now, seeker_client, seeker, cv):
    User.objects.filter(pk=seeker.pk).update(last_seen_on=frozen_now.date())
    page = seeker_client.get(translate_url(reverse("accounts:my_data"), "en")).content.decode()
    assert "Mitt CV is deleted on 2027-11-25 unless you sign in before then." in page


def test_my_data_needs_sign_in(client):
    assert client.get(reverse("accounts:my_data")).status_code == 302
    assert client.get(reverse("accounts:my_data_export")).status_code == 302


def test_the_download_is_a_zip_with_my_data_and_my_cv(
    seeker_client, seeker, cv, django_capture_on_commit_callbacks
):
    # Built by the worker (rights.tasks), not in the request: the old address leads there.
    assert seeker_client.get(reverse("accounts:my_data_export"))["Location"] == reverse(
        "rights:own_report"
    )
    with django_capture_on_commit_callbacks(execute=True):
        seeker_client.post(reverse("rights:own_report"))
    ready = AccessReport.objects.get(user=seeker)
    response = seeker_client.get(reverse("rights:own_report_download", args=[ready.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read("data.json"))
    assert data["subject"]["email"] == seeker.email
    cv_files = [n for n in archive.namelist() if n.startswith("files/")]
    assert cv_files == [f"files/Dina dokument/{cv.original_name}"]
    assert archive.read(cv_files[0]) == pdf_bytes()


def test_deleting_the_account_needs_the_password(seeker_client, seeker, cv):
    response = seeker_client.post(reverse("accounts:delete_account"), {"password": "fel"})
    assert response.status_code == 400
    assert "Det är inte ditt lösenord." in response.content.decode()
    assert User.objects.filter(pk=seeker.pk).exists()
    assert Document.objects.filter(pk=cv.pk).exists()


def test_deleting_the_account_erases_everything_signs_out_and_says_nothing_was_kept(
    seeker_client, seeker, cv, settings, django_capture_on_commit_callbacks
):
    SeekerProfileFactory(user=seeker)
    stored = settings.MEDIA_ROOT / cv.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = seeker_client.post(reverse("accounts:delete_account"), {"password": PASSWORD})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ditt konto är raderat" in page
    assert "Ingenting. Vi sparar ingenting om dig." in page
    assert not User.objects.filter(pk=seeker.pk).exists()
    assert not SeekerProfile.objects.exists()
    assert not Document.objects.exists()
    assert not EmailAddress.objects.filter(email=seeker.email).exists()
    assert not stored.exists()
    assert "_auth_user_id" not in seeker_client.session
    response = seeker_client.post(
        reverse("account_login"), {"login": seeker.email, "password": PASSWORD}
    )
    assert "_auth_user_id" not in seeker_client.session


def test_an_employer_is_told_the_account_is_switched_off_not_deleted(client):
    from tests.factories.companies import MembershipFactory

    employer = MembershipFactory().user
    client.force_login(employer)
    page = client.get(reverse("accounts:my_data")).content.decode()
    assert "efter ett år utan inloggning stängs kontot av" in page
    assert f"{employer.email} raderas den" not in page


def test_my_data_shows_a_requests_timeline_in_words(seeker_client, seeker, frozen_now):
    from rights.models import Kind
    from rights.services import requests

    requests.file_signed_in(user=seeker, kind=Kind.RECTIFICATION, language="sv", now=frozen_now)
    page = seeker_client.get(reverse("accounts:my_data")).content.decode()
    assert "Kanal: Inloggad (Mina uppgifter)" in page
    assert "channel:" not in page


def test_a_contact_person_sees_the_true_date_of_their_own_cv_and_that_the_account_stays(
    frozen_now, client
):
    from privacy.retention import expiry_date
    from privacy.rules import get_rule
    from tests.factories.companies import MembershipFactory

    employer = MembershipFactory().user
    User.objects.filter(pk=employer.pk).update(last_seen_on=frozen_now.date())
    DocumentFactory(owner=employer, title="Mitt CV")
    SeekerProfileFactory(user=employer, town="Kiruna")
    expiry = expiry_date(get_rule("seeker.inactive_account"), frozen_now.date()).isoformat()
    client.force_login(employer)
    page = client.get(reverse("accounts:my_data")).content.decode()
    assert f"Mitt CV raderas den {expiry} om du inte loggar in före dess." in page
    assert page.count(f"raderas den {expiry} om du inte loggar in före dess.") == 2  # CV, profile
    assert "efter ett år utan inloggning stängs kontot av" in page
    assert f"{employer.email} raderas den" not in page
    # The membership belongs to the company's side: it goes when the cooperation ends.
    assert "raderas direkt efter att samarbetet har upphört." in page
