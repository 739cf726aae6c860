"""The files in the person's ZIP are named as the person knows them (the name uploaded with,
an invoice by its number), made safe for every system that unpacks the ZIP, one folder per
kind of file, a number added when two share a name; data.json names them the same way."""

import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile

from accounts.models import Document
from rights.services import reports
from tests.factories.accounts import UserFactory
from tests.factories.jobs import ApplicationDocumentFactory, ApplicationFactory

from .conftest import own_document

pytestmark = pytest.mark.django_db


def _zip(user, now):
    buffer = io.BytesIO()
    reports.write_report_zip(user=user, email=user.email, language="sv", now=now, fileobj=buffer)
    archive = zipfile.ZipFile(buffer)
    paths = {
        item["record"]: item["files"]
        for category in json.loads(archive.read("data.json"))["categories"]
        for item in category["items"]
        if item.get("files")
    }
    return archive, paths


def test_each_kind_of_file_has_its_folder_and_a_shared_name_gets_a_number(frozen_now, taxonomy):
    anna = UserFactory(email="anna@example.se")
    mine = own_document(anna, name="CV.pdf")
    again = own_document(anna, name="cv.pdf")  # the same name on a system that ignores case
    sent = ApplicationDocumentFactory(
        application=ApplicationFactory(seeker=anna), original_name="CV.pdf"
    )

    archive, paths = _zip(anna, frozen_now)

    assert paths[f"accounts.Document#{mine.pk}"] == ["files/Dina dokument/CV.pdf"]
    assert paths[f"accounts.Document#{again.pk}"] == ["files/Dina dokument/cv (2).pdf"]
    assert paths[f"jobs.ApplicationDocument#{sent.pk}"] == [
        "files/Dokument bifogade till ansökningar/CV.pdf"
    ]
    files = sorted(n for n in archive.namelist() if n.startswith("files/"))
    assert files == sorted(p for found in paths.values() for p in found)


@pytest.mark.parametrize(
    ("uploaded", "named"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\anna\\Mitt CV.pdf", "Mitt CV.pdf"),
        ("brev\x07\x1b[31m\n\u200e.pdf", "brev__[31m__.pdf"),
        ('vad? "jag" <kan>|*:.docx', "vad_ _jag_ _kan____.docx"),
        ("CON.pdf", "_CON.pdf"),
        ("slut. . .", "slut"),
        ("...", "Dina dokument.pdf"),
        ("Å" * 250 + ".pdf", "Å" * 96 + ".pdf"),  # the column holds 255
    ],
)
def test_a_file_name_is_safe_on_every_system(frozen_now, uploaded, named):
    anna = UserFactory(email="anna@example.se")
    document = own_document(anna, name="cv.pdf")
    Document.objects.filter(pk=document.pk).update(original_name=uploaded)

    archive, paths = _zip(anna, frozen_now)

    assert paths[f"accounts.Document#{document.pk}"] == [f"files/Dina dokument/{named}"]
    assert archive.namelist().count(f"files/Dina dokument/{named}") == 1


def test_a_file_without_its_uploaded_name_is_named_by_its_kind_not_its_storage_key(frozen_now):
    anna = UserFactory(email="anna@example.se")
    document = Document(
        owner=anna, title="CV", original_name="", content_type="application/pdf", size=3
    )
    document.file.save("x9f3k2l1q8.pdf", ContentFile(b"pdf"), save=True)

    _archive, paths = _zip(anna, frozen_now)

    assert paths[f"accounts.Document#{document.pk}"] == ["files/Dina dokument/Dina dokument.pdf"]
