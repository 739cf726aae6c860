import pytest
from django.urls import reverse, translate_url

from accounts.models import Document
from tests.factories.accounts import DocumentFactory

from .conftest import docx_bytes, exe_bytes, odt_bytes, upload

pytestmark = pytest.mark.django_db
URL = reverse("accounts:documents")


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("cv.pdf", "pdf", "application/pdf"),
        (
            "cv.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("brev.odt", odt_bytes(), "application/vnd.oasis.opendocument.text"),
    ],
)
def test_a_seeker_uploads_pdf_docx_and_odt(
    seeker_client, seeker, settings, pdf, name, content, expected
):
    content = pdf if content == "pdf" else content
    response = seeker_client.post(URL, {"file": upload(name, content), "title": "", "kind": "cv"})
    assert response.status_code == 302
    document = Document.objects.get(owner=seeker)
    assert document.content_type == expected
    assert document.original_name == name
    assert document.size == len(content)
    assert document.file.name.startswith("documents/")
    assert name not in document.file.name  # stored under a random name
    assert len(stored_files(settings)) == 1


def test_the_type_comes_from_the_content_not_the_claimed_type(seeker_client, seeker, pdf):
    seeker_client.post(
        URL, {"file": upload("cv.bin", pdf, "application/x-msdownload"), "kind": "cv"}
    )
    assert Document.objects.get(owner=seeker).content_type == "application/pdf"


def test_a_title_is_taken_from_the_file_name_when_empty(seeker_client, seeker, pdf):
    seeker_client.post(URL, {"file": upload("Mitt CV 2026.pdf", pdf), "kind": "cv"})
    assert Document.objects.get(owner=seeker).title == "Mitt CV 2026"


def assert_refused(response, settings, message):
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files(settings) == []


def test_a_renamed_program_is_refused_and_nothing_is_stored(seeker_client, settings):
    response = seeker_client.post(URL, {"file": upload("cv.pdf", exe_bytes()), "kind": "cv"})
    assert_refused(response, settings, "inte ett PDF-, DOCX- eller ODT-dokument")


def test_an_empty_file_is_refused(seeker_client, settings):
    response = seeker_client.post(URL, {"file": upload("cv.pdf", b""), "kind": "cv"})
    assert_refused(response, settings, "är tom")


def test_an_11_mb_file_is_refused_in_english_too(seeker_client, settings, pdf):
    big = pdf + b"\n%" + b"x" * (11 * 1024 * 1024)
    response = seeker_client.post(
        translate_url(URL, "en"), {"file": upload("cv.pdf", big), "kind": "cv"}
    )
    assert_refused(response, settings, "The file is too large: at most 10.0\xa0MB is allowed.")


def test_the_list_shows_only_my_documents(seeker_client, seeker):
    mine = DocumentFactory(owner=seeker, title="Mitt CV")
    DocumentFactory(title="Någon annans brev")
    page = seeker_client.get(URL).content.decode()
    assert "Mitt CV" in page
    assert "Någon annans brev" not in page
    assert reverse("accounts:document_download", args=[mine.pk]) in page


def test_a_seeker_renames_a_document(seeker_client, seeker):
    document = DocumentFactory(owner=seeker)
    response = seeker_client.post(
        reverse("accounts:document_edit", args=[document.pk]),
        {"title": "  CV för  Åhléns ", "kind": "letter"},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.kind) == ("CV för Åhléns", "letter")


def test_a_blank_name_is_refused(seeker_client, seeker):
    document = DocumentFactory(owner=seeker, title="Mitt CV")
    response = seeker_client.post(
        reverse("accounts:document_edit", args=[document.pk]), {"title": "   ", "kind": "cv"}
    )
    assert response.status_code == 200
    document.refresh_from_db()
    assert document.title == "Mitt CV"


def test_deleting_a_document_removes_the_row_and_the_file(
    seeker_client, seeker, settings, django_capture_on_commit_callbacks
):
    document = DocumentFactory(owner=seeker)
    path = settings.MEDIA_ROOT / document.file.name
    assert path.exists()
    url = reverse("accounts:document_delete", args=[document.pk])
    assert seeker_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = seeker_client.post(url)
    assert response.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not path.exists()


def test_nobody_else_can_rename_or_delete_my_document(client, seeker):
    document = DocumentFactory(owner=seeker)
    other = DocumentFactory().owner
    client.force_login(other)
    assert (
        client.post(
            reverse("accounts:document_edit", args=[document.pk]), {"title": "x", "kind": "cv"}
        ).status_code
        == 404
    )
    assert client.post(reverse("accounts:document_delete", args=[document.pk])).status_code == 404
    assert Document.objects.filter(pk=document.pk, title="Mitt CV").exists()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_failed_save_leaves_no_file_behind(seeker, settings, pdf, monkeypatch):
    from django.db import IntegrityError
    from django.utils import timezone

    from accounts import services

    def broken_save(self, *args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(Document, "save", broken_save)
    with pytest.raises(IntegrityError):
        services.add_document(
            owner=seeker,
            uploaded_file=upload("cv.pdf", pdf),
            content_type="application/pdf",
            title="",
            kind="cv",
            by=seeker,
            now=timezone.now(),
        )
    assert stored_files(settings) == []
