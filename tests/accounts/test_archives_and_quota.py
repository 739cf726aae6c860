"""Hostile ZIP-based documents (a zip bomb, 60 000 entries, an archive that lies about its
sizes) are refused before they are stored or sent to an employer; a seeker's library has a
quota of documents and bytes. Every hostile file is built in memory."""

import io
import random
import struct
import zipfile

import pytest
from django.urls import reverse, translate_url

from accounts import filetypes
from accounts.models import Document
from jobs.models import Application
from tests.factories import AdFactory
from tests.factories.accounts import DocumentFactory

from .conftest import DOCX_TYPES, docx_bytes, odt_bytes, upload

pytestmark = pytest.mark.django_db
URL = reverse("accounts:documents")
MB = 1024 * 1024


def docx_with(entries: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", DOCX_TYPES)
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(unpacked: int) -> bytes:
    """A DOCX whose document part is `unpacked` bytes of zeros: it packs to almost nothing."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", DOCX_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = bytes(MB)
            for _ in range(unpacked // MB):
                part.write(chunk)
    return buffer.getvalue()


def many_entries(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_TYPES)
        for n in range(count):
            archive.writestr(f"word/media/{n}.xml", b"")
    return buffer.getvalue()


def understating(real: bytes, declared: int) -> bytes:
    """An archive whose entry says it unpacks to `declared` bytes but holds `real`."""
    data = bytearray(docx_with({"word/document.xml": real}))
    name = b"word/document.xml"
    local = data.rfind(b"PK\x03\x04", 0, data.find(name) + 1)
    struct.pack_into("<I", data, local + 22, declared)
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(name) + 1)
    struct.pack_into("<I", data, central + 24, declared)
    return bytes(data)


def refusal(content: bytes):
    with pytest.raises(filetypes.ArchiveRefused) as refused:
        filetypes.check_archive(io.BytesIO(content), size=len(content))
    return refused.value.reason


# --- The archive checks themselves.


def test_real_documents_pass():
    for content in (docx_bytes(), odt_bytes()):
        filetypes.check_archive(io.BytesIO(content), size=len(content))
    rng = random.Random(14)
    words = ["erfaren", "utvecklare", "Stockholm", "projekt", "ansvar", "team", "kund", "år"]
    text = " ".join(rng.choice(words) + str(rng.randint(0, 99)) for _ in range(20_000))
    document = f"<w:document><w:body><w:p><w:t>{text}</w:t></w:p></w:body></w:document>"
    photo = rng.randbytes(300_000)  # a JPEG does not compress further
    cv = docx_with({"word/document.xml": document.encode(), "word/media/photo.jpg": photo})
    filetypes.check_archive(io.BytesIO(cv), size=len(cv))


def test_a_zip_bomb_is_refused_by_its_unpacked_size(settings):
    bomb = zip_bomb(60 * MB)
    assert len(bomb) < MB
    assert refusal(bomb) == "unpacked"


def test_a_small_file_that_unpacks_to_a_hundred_times_its_size_is_refused():
    assert refusal(zip_bomb(2 * MB)) == "ratio"


def test_sixty_thousand_entries_are_refused():
    assert refusal(many_entries(60_000)) == "entries"


def test_an_archive_that_understates_its_sizes_is_refused():
    lying = understating(b"A" * 2_000_000, declared=1000)
    assert refusal(lying) == "broken"


def test_an_encrypted_or_damaged_archive_is_refused():
    damaged = bytearray(docx_with({"word/document.xml": b"<w:document/>" * 100}))
    start = damaged.find(b"word/document.xml") + len("word/document.xml")
    damaged[start : start + 20] = bytes(20)
    assert refusal(bytes(damaged)) == "broken"


# --- Through the forms: nothing stored, nothing sent.


def test_the_library_refuses_a_zip_bomb_and_stores_nothing(seeker_client):
    response = seeker_client.post(
        URL, {"file": upload("cv.docx", zip_bomb(60 * MB), "application/zip"), "kind": "cv"}
    )
    assert response.status_code == 400
    assert "Dokumentet packas upp till mer än 50,0" in response.text
    assert "Spara det igen i ordbehandlaren" in response.text
    assert not Document.objects.exists()


def test_the_library_refuses_sixty_thousand_entries_in_english_too(seeker_client):
    response = seeker_client.post(
        translate_url(URL, "en"),
        {"file": upload("cv.docx", many_entries(60_000), "application/zip"), "kind": "cv"},
    )
    assert response.status_code == 400
    assert "This document is made of too many parts (more than 1000)." in response.text
    assert not Document.objects.exists()


def test_an_application_with_a_zip_bomb_is_not_sent(seeker_client, seeker, taxonomy):
    ad = AdFactory()
    response = seeker_client.post(
        reverse("jobs:apply", args=[ad.pk]),
        {"message": "Hej!", "upload": upload("cv.docx", zip_bomb(2 * MB), "application/zip")},
    )
    assert response.status_code == 200
    assert "gånger sin egen storlek" in response.text
    assert not Application.objects.exists()


# --- The library's quota.


def test_the_library_holds_at_most_the_quota_of_documents(seeker_client, seeker, settings, pdf):
    settings.DOCUMENT_QUOTA_COUNT = 3
    for _ in range(2):
        DocumentFactory(owner=seeker)
    DocumentFactory()  # someone else's does not count
    assert seeker_client.post(URL, {"file": upload("cv.pdf", pdf), "kind": "cv"}).status_code == 302
    response = seeker_client.post(URL, {"file": upload("brev.pdf", pdf), "kind": "letter"})
    assert response.status_code == 400
    assert "Ditt bibliotek har redan 3 dokument, så många det rymmer." in response.text
    assert Document.objects.filter(owner=seeker).count() == 3


def test_the_library_holds_at_most_the_quota_of_bytes(seeker_client, seeker, settings, pdf):
    settings.DOCUMENT_QUOTA_BYTES = 3 * len(pdf)
    DocumentFactory(owner=seeker, size=2 * len(pdf))
    assert seeker_client.post(URL, {"file": upload("cv.pdf", pdf), "kind": "cv"}).status_code == 302
    response = seeker_client.post(
        translate_url(URL, "en"), {"file": upload("b.pdf", pdf), "kind": "cv"}
    )
    assert response.status_code == 400
    assert "does not fit: your documents take" in response.text
    assert "Delete one you no longer need" in response.text
    assert Document.objects.filter(owner=seeker).count() == 2


def test_deleting_a_document_makes_room_again(seeker_client, seeker, settings, pdf):
    settings.DOCUMENT_QUOTA_COUNT = 1
    old = DocumentFactory(owner=seeker)
    refused = seeker_client.post(URL, {"file": upload("cv.pdf", pdf), "kind": "cv"})
    assert refused.status_code == 400
    seeker_client.post(reverse("accounts:document_delete", args=[old.pk]))
    assert seeker_client.post(URL, {"file": upload("cv.pdf", pdf), "kind": "cv"}).status_code == 302
