import datetime as dt
import io
import json
import re
import zipfile
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse, translate_url
from pypdf import PdfReader

from companies.models import Invoice
from privacy import registry
from rights.models import AccessReport, Kind, RequestEvent
from rights.services import RequestError, reports, requests
from tests.factories.companies import MembershipFactory, invoiced_ad

from .conftest import own_document

pytestmark = pytest.mark.django_db


def _zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _pdf_text(buffer) -> str:
    """The words of report.pdf in the ZIP written to `buffer`, whitespace made single."""
    pdf = zipfile.ZipFile(buffer).read("report.pdf")
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _records(data) -> set[str]:
    return {item["record"] for c in data["categories"] for item in c["items"]}


def _expected_records(user) -> set[str]:
    """Every row of every declared model that is the person's (by user or address)."""
    from privacy.retention import subject_q

    found = set()
    for declaration in registry.declarations():
        if not declaration.links_person:
            continue
        model = declaration.model_class
        q = subject_q(declaration, user=user, email=user.email)
        found |= {
            f"{model._meta.label}#{pk}"
            for pk in model._default_manager.filter(q).values_list("pk", flat=True)
        }
    return found


def _build_for_request(anna, handler, now):
    filed = requests.enter_request(kind=Kind.ACCESS, email=anna.email, by=handler, now=now)
    mail.outbox.clear()
    report = reports.request_report(request=filed, by=handler, now=now)
    report.refresh_from_db()
    return filed, report


def test_the_report_link_works_through_the_whole_last_day_the_mail_names(
    two_people, handler, frozen_now, django_capture_on_commit_callbacks
):
    """The mail promises "until and including <day>": the link works until that day ends
    in Stockholm, whatever the hour the report was built."""
    stockholm = ZoneInfo("Europe/Stockholm")
    built = frozen_now.replace(hour=7, minute=57)
    with django_capture_on_commit_callbacks(execute=True):
        _, report = _build_for_request(two_people[0], handler, built)
    report.refresh_from_db()
    last_day = built.date() + dt.timedelta(days=7)
    body = mail.outbox[-1].body
    assert f"till och med {last_day:%Y-%m-%d}" in body
    token = re.search(r"/ladda-ner/\d+/([^/\s]+)/", body).group(1)

    def works_at(moment):
        return reports.report_for_token(pk=report.pk, token=token, now=moment) is not None

    assert works_at(dt.datetime.combine(last_day, dt.time(23, 59, 59), tzinfo=stockholm))
    assert not works_at(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(0), stockholm))
    assert report.expires_at == dt.datetime.combine(
        last_day + dt.timedelta(days=1), dt.time(0), stockholm
    )


def test_the_access_report_holds_every_row_of_the_person_and_none_of_others(
    two_people, handler, frozen_now, django_capture_on_commit_callbacks
):
    anna, bertil = two_people
    with django_capture_on_commit_callbacks(execute=True):
        filed, report = _build_for_request(anna, handler, frozen_now)
    report.refresh_from_db()
    assert report.state == AccessReport.State.READY and report.progress == 100
    assert report.last_download_day == frozen_now.date() + dt.timedelta(days=7)
    # The link goes to the verified address, and downloads the ZIP.
    assert mail.outbox[-1].to == [anna.email]
    url = re.search(r"http\S+/dina-rattigheter/ladda-ner/\S+/", mail.outbox[-1].body).group(0)
    path = url.split("127.0.0.1", 1)[-1].split(":", 1)[-1].lstrip("0123456789")
    response = Client().get(path)
    assert response.status_code == 200
    archive = _zip(response)
    data = json.loads(archive.read("data.json"))
    mine = _records(data)
    sent = filed.events.get(action=RequestEvent.Action.REPORT_READY)
    assert mine == _expected_records(anna) - {f"rights.RequestEvent#{sent.pk}"}  # made after
    assert not mine & _expected_records(bertil)
    assert f"rights.DataRequest#{filed.pk}" in mine
    names = archive.namelist()
    assert {"data.json", "README.txt", "report.pdf"} <= set(names)
    # The files keep the names they were uploaded with; nobody else's are there.
    assert "files/Dokument bifogade till ansökningar/cv.pdf" in names
    assert f"files/Dina dokument/Personligt brev {anna.first_name or anna.pk}.pdf" in names
    contents = [archive.read(n) for n in names if n.startswith("files/")]
    assert all(str(anna.pk).encode() in c for c in contents)
    assert not any(f"of {bertil.pk}".encode() in c for c in contents)
    assert filed.events.filter(action=RequestEvent.Action.REPORT_READY).exists()


def test_the_pdf_names_each_category_and_deletion_date(two_people, handler, frozen_now):
    anna, _bertil = two_people
    buffer = io.BytesIO()
    data = reports.write_report_zip(
        user=anna, email=anna.email, language="en", now=frozen_now, fileobj=buffer
    )
    text = _pdf_text(buffer)
    assert data["categories"]
    for category in data["categories"]:
        assert " ".join(category["category"].split()) in text
        for item in category["items"]:
            if item["deletion_date"]:
                assert item["deletion_date"] in text
    assert "Datatilsynet" in text and "IMY" in text


def test_the_pdf_shows_what_each_item_holds_not_only_that_it_exists(two_people, frozen_now):
    """Art. 15: the readable copy holds the data themselves (the README calls it everything
    we hold, readable), as My data shows them: the message sent, the file's name, the
    address and the wording agreed to; and nothing of the other person's."""
    anna, bertil = two_people
    bertil.applications.update(message="Bertils eget brev.")
    buffer = io.BytesIO()
    reports.write_report_zip(
        user=anna, email=anna.email, language="sv", now=frozen_now, fileobj=buffer
    )
    text = _pdf_text(buffer)
    assert "Jag vill gärna jobba hos er." in text
    assert "Personligt brev" in text and "ansökningar/cv.pdf" in text
    assert "anna@example.se" in text and "Ja tack" in text
    assert "Nyhetsbrev, v1" in text  # the wording's purpose by name, not its key
    assert "Bertils eget brev." not in text and "bertil@example.se" not in text


def test_the_pdf_says_when_an_open_request_goes_not_that_it_goes_with_an_account(
    handler, frozen_now
):
    """Someone without an account asks for their data: their request is kept 5 years after
    it is closed (contacts.long_term), which the report says in the rule's words."""
    filed = requests.enter_request(
        kind=Kind.ACCESS, email="utan.konto@example.se", by=handler, now=frozen_now
    )
    buffer = io.BytesIO()
    reports.write_report_zip(
        user=None, email=filed.email, language="sv", now=frozen_now, fileobj=buffer
    )
    text = _pdf_text(buffer)
    assert "raderas fem år efter det senaste meddelandet" in text
    assert "tillsammans med ditt konto" not in text


def test_the_pdf_is_in_the_persons_language(two_people, frozen_now):
    anna, _bertil = two_people
    buffer = io.BytesIO()
    reports.write_report_zip(
        user=anna, email=anna.email, language="sv", now=frozen_now, fileobj=buffer
    )
    text = _pdf_text(buffer)
    assert "Integritetsskyddsmyndigheten" in text
    assert "Dina rättigheter" in text


def _end_of_the_seventh_day(now):
    """The midnight (Stockholm) that ends the seventh day after `now`'s."""
    return dt.datetime.combine(now.date() + dt.timedelta(days=8), dt.time(), now.tzinfo)


def test_the_download_link_expires_at_the_end_of_the_seventh_day(
    two_people, handler, frozen_now, time_machine
):
    anna, _bertil = two_people
    filed = requests.enter_request(kind=Kind.ACCESS, email=anna.email, by=handler, now=frozen_now)
    report = AccessReport.objects.create(
        request=filed, email=anna.email, state=AccessReport.State.QUEUED, created_at=frozen_now
    )
    token = reports.build_report(report=report, now=frozen_now)
    url = reverse("rights:download", kwargs={"pk": report.pk, "token": token})
    assert Client().get(url).status_code == 200
    assert Client().get(url[:-3] + "xx/").status_code == 404
    time_machine.move_to(_end_of_the_seventh_day(frozen_now) - dt.timedelta(seconds=1), tick=False)
    assert Client().get(url).status_code == 200
    time_machine.move_to(_end_of_the_seventh_day(frozen_now), tick=False)
    assert Client().get(url).status_code == 404


def test_only_access_and_portability_requests_get_a_report(frozen_now, handler):
    filed = requests.enter_request(
        kind=Kind.ERASURE, email="a@example.se", by=handler, now=frozen_now
    )
    with pytest.raises(RequestError):
        reports.request_report(request=filed, by=handler, now=frozen_now)


def test_my_data_zip_is_built_by_the_task_with_progress(
    two_people, frozen_now, django_capture_on_commit_callbacks
):
    anna, bertil = two_people
    client = Client()
    client.force_login(anna)
    page = client.get(reverse("rights:own_report"))
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("rights:own_report")).status_code == 302
    report = AccessReport.objects.get(user=anna)
    assert report.state == AccessReport.State.READY
    page = client.get(reverse("rights:own_report")).content.decode()
    download = reverse("rights:own_report_download", args=[report.pk])
    assert download in page
    response = client.get(download)
    assert "mina-uppgifter-2026-11-25.zip" in response["Content-Disposition"]
    archive = _zip(response)
    assert json.loads(archive.read("data.json"))["subject"]["email"] == anna.email
    # Nobody else gets it.
    other = Client()
    other.force_login(bertil)
    assert other.get(download).status_code == 404
    assert Client().get(download).status_code == 302


def test_progress_is_shown_while_the_worker_builds(two_people, frozen_now):
    anna, _bertil = two_people
    AccessReport.objects.create(
        user=anna,
        email=anna.email,
        state=AccessReport.State.BUILDING,
        progress=40,
        created_at=frozen_now,
    )
    client = Client()
    client.force_login(anna)
    page = client.get(translate_url(reverse("rights:own_report"), "en")).content.decode()
    assert "40 % done" in page and 'http-equiv="refresh"' in page


def test_the_zip_itself_is_deleted_when_its_link_expires(two_people, frozen_now):
    import datetime

    anna, _bertil = two_people
    report = AccessReport.objects.create(
        user=anna, email=anna.email, state=AccessReport.State.QUEUED, created_at=frozen_now
    )
    reports.build_report(report=report, now=frozen_now)
    report.refresh_from_db()
    name = report.file.name
    storage = report.file.storage
    assert storage.exists(name)
    week = _end_of_the_seventh_day(frozen_now)
    assert reports.delete_expired_files(now=week - datetime.timedelta(seconds=1)) == 0
    assert reports.delete_expired_files(now=week) == 1
    assert not storage.exists(name)
    report.refresh_from_db()
    assert not report.file and not report.token_hash


def test_an_employers_account_is_described_as_a_contact_persons_not_a_seekers(taxonomy, frozen_now):
    """The seeker rule deletes an idle account; an employer's is only switched off. The
    report said "Ditt konto (Jobbsökare) ... raderas 2027-..."."""
    from privacy import subjects
    from tests.factories.companies import MembershipFactory

    employer = MembershipFactory(user__email="rekrytering@example.se").user
    data = subjects.collect(user=employer, email=employer.email, now=frozen_now)
    account = [
        (c, i)
        for c in data["categories"]
        for i in c["items"]
        if i["record"] == f"accounts.User#{employer.pk}"
    ]
    assert len(account) == 1
    category, item = account[0]
    assert category["subject"] == "Företag och kontaktpersoner"
    assert item["deletion_date"] is None and item["rules"] == ["contacts.partner"]
    buffer = io.BytesIO()
    reports.write_report_zip(
        user=employer, email=employer.email, language="sv", now=frozen_now, fileobj=buffer
    )
    text = _pdf_text(buffer)
    assert "så länge du är kontaktperson för ett företag" in text
    assert "Jobbsökare" not in text  # nor its addresses or second factor


def _own_report(client, django_capture_on_commit_callbacks):
    """Click the button, let the worker build the ZIP, and return it with its row."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("rights:own_report"))
    report = AccessReport.objects.filter(request__isnull=True).latest("pk")
    response = client.get(reverse("rights:own_report_download", args=[report.pk]))
    return report, _zip(response)


def test_a_new_report_lists_the_earlier_one_without_its_zip(
    two_people, frozen_now, time_machine, django_capture_on_commit_callbacks
):
    """Each report held every earlier report's ZIP (files/<random>.zip), doubling in size
    with each click: an earlier report is listed, that it was made and when, never its file."""
    anna, _bertil = two_people
    client = Client()
    client.force_login(anna)
    first, first_zip = _own_report(client, django_capture_on_commit_callbacks)
    time_machine.move_to(frozen_now + dt.timedelta(days=1), tick=False)
    second, second_zip = _own_report(client, django_capture_on_commit_callbacks)
    assert second.pk != first.pk
    names = second_zip.namelist()
    assert not [n for n in names if n.lower().endswith(".zip")]
    assert [n for n in names if n.startswith("files/")] == [
        n for n in first_zip.namelist() if n.startswith("files/")
    ]
    data = json.loads(second_zip.read("data.json"))
    [earlier] = [
        item
        for category in data["categories"]
        for item in category["items"]
        if item["record"] == f"rights.AccessReport#{first.pk}"
    ]
    assert earlier["files"] == [] and "file" not in earlier["data"]
    assert dt.datetime.fromisoformat(earlier["data"]["ready_at"]) == frozen_now


def test_a_second_report_the_same_day_is_refused_and_points_to_the_first(
    two_people, frozen_now, django_capture_on_commit_callbacks
):
    """Each report takes the worker a while and lies in storage for a week: one made today
    that can still be downloaded is the answer, on the page that offers it."""
    anna, _bertil = two_people
    client = Client()
    client.force_login(anna)
    first, _archive = _own_report(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks() as enqueued:
        response = client.post(reverse("rights:own_report"), follow=True)
    assert not enqueued and list(AccessReport.objects.filter(user=anna)) == [first]
    page = response.content.decode()
    last_day = (frozen_now.date() + dt.timedelta(days=7)).isoformat()
    assert f"Ladda ner den här till och med {last_day}" in page
    assert reverse("rights:own_report_download", args=[first.pk]) in page
    assert "Du kan skapa en ny fil i morgon." in page and "Skapa en ny fil" not in page
    english = client.post(translate_url(reverse("rights:own_report"), "en"), follow=True)
    assert f"You made a file of your data today. Download it here until {last_day}" in english.text


def test_a_click_while_the_file_is_being_made_makes_no_other(two_people, frozen_now):
    anna, _bertil = two_people
    building = AccessReport.objects.create(
        user=anna, email=anna.email, state=AccessReport.State.BUILDING, created_at=frozen_now
    )
    client = Client()
    client.force_login(anna)
    page = client.post(reverse("rights:own_report"), follow=True).content.decode()
    assert "Din fil skapas redan." in page and "Skapa en ny fil" not in page
    assert list(AccessReport.objects.filter(user=anna)) == [building]


def test_the_report_button_is_rate_limited_with_a_message_and_saves_nothing(
    two_people, frozen_now, settings, django_capture_on_commit_callbacks
):
    """Clicks beyond the limit are told how long to wait (a 429, not an error page), and
    neither a report nor a task is made, even when one a day would allow it."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "own_report": {"user": "1/h", "client": "9/h"}}
    anna, _bertil = two_people
    client = Client()
    client.force_login(anna)
    first, _archive = _own_report(client, django_capture_on_commit_callbacks)
    AccessReport.objects.filter(pk=first.pk).update(state=AccessReport.State.FAILED)
    with django_capture_on_commit_callbacks() as enqueued:
        response = client.post(reverse("rights:own_report"))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "För många begäranden härifrån. Försök igen om" in response.content.decode()
    assert not enqueued and list(AccessReport.objects.filter(user=anna)) == [first]


@pytest.fixture
def employer(taxonomy, frozen_now):
    """A contact person who ordered an ad: a membership, an order with its invoice's PDF,
    and the ad's history of the order (who changed it)."""
    membership = MembershipFactory(
        user__email="rut@foretaget.se", user__first_name="Rut", user__last_name="Rekryterare"
    )
    invoiced_ad(by=membership.user, now=frozen_now)
    return membership.user


def _item_data(data, label) -> list[dict]:
    return [
        item["data"]
        for category in data["categories"]
        for item in category["items"]
        if item["record"].startswith(f"{label}#")
    ]


def test_the_report_names_the_person_not_user_number(employer, frozen_now):
    """data.json and report.pdf said "user": "User #44" (str() is for the admin log): a
    person is named as pages name them, by name, else by address."""
    buffer = io.BytesIO()
    data = reports.write_report_zip(
        user=employer, email=employer.email, language="sv", now=frozen_now, fileobj=buffer
    )
    stored = json.loads(zipfile.ZipFile(buffer).read("data.json"))
    assert [d["user"] for d in _item_data(stored, "companies.Membership")] == ["Rut Rekryterare"]
    assert [d["ordered_by"] for d in _item_data(stored, "companies.Order")] == ["Rut Rekryterare"]
    revisions = _item_data(stored, "jobs.AdRevision")
    assert revisions and {d["changed_by"] for d in revisions} == {"Rut Rekryterare"}
    assert "User #" not in json.dumps(data)
    text = _pdf_text(buffer)
    assert "Rut Rekryterare" in text and "User #" not in text
    type(employer).objects.filter(pk=employer.pk).update(first_name="", last_name="")
    nameless = reports.write_report_zip(
        user=employer, email=employer.email, language="sv", now=frozen_now, fileobj=io.BytesIO()
    )
    assert [d["user"] for d in _item_data(nameless, "companies.Membership")] == [employer.email]


def test_invoice_pdfs_are_named_by_their_number_without_clashes(employer, frozen_now):
    """They were files/<random>.pdf: each is named as in its e-mail, in the invoices'
    folder, and a file of the same name (an uploaded one) keeps its own in its own folder."""
    first = Invoice.objects.get(order__ordered_by=employer)
    second = invoiced_ad(by=employer, now=frozen_now)
    document = own_document(employer, name=f"faktura-{first.number}.pdf")
    buffer = io.BytesIO()
    reports.write_report_zip(
        user=employer, email=employer.email, language="sv", now=frozen_now, fileobj=buffer
    )
    archive = zipfile.ZipFile(buffer)
    files = {
        item["record"]: item["files"]
        for category in json.loads(archive.read("data.json"))["categories"]
        for item in category["items"]
        if item.get("files")
    }
    [first_path] = files[f"companies.Invoice#{first.pk}"]
    [document_path] = files[f"accounts.Document#{document.pk}"]
    assert first_path == f"files/Fakturor/faktura-{first.number}.pdf"
    assert document_path == f"files/Dina dokument/faktura-{first.number}.pdf"
    second_path = f"files/Fakturor/faktura-{second.number}.pdf"
    assert files[f"companies.Invoice#{second.pk}"] == [second_path]
    assert sorted(n for n in archive.namelist() if n.startswith("files/")) == sorted(
        [first_path, document_path, second_path]
    )
    with first.pdf.open("rb") as stored:
        assert archive.read(first_path) == stored.read()
    assert f"faktura-{second.number}.pdf" in _pdf_text(buffer)
