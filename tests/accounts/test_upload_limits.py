"""An oversized upload is refused before it is stored, and a flood of file parts gets 400."""

import pytest
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.urls import reverse

from accounts.models import Document

from .conftest import upload

pytestmark = pytest.mark.django_db
URL = reverse("accounts:documents")


@pytest.fixture
def bytes_passed_on(monkeypatch):
    """Counts the bytes that reach Django's own handlers (memory or temporary file)."""
    seen = {"bytes": 0}
    for handler in (MemoryFileUploadHandler, TemporaryFileUploadHandler):
        original = handler.receive_data_chunk

        def counting(self, raw_data, start, _original=original):
            seen["bytes"] += len(raw_data)
            return _original(self, raw_data, start)

        monkeypatch.setattr(handler, "receive_data_chunk", counting)
    return seen


def test_a_request_larger_than_the_limit_never_reaches_storage(
    seeker_client, settings, pdf, bytes_passed_on
):
    settings.MAX_DOCUMENT_SIZE = 100_000
    big = pdf + b"%" + b"x" * 1_000_000
    response = seeker_client.post(URL, {"file": upload("cv.pdf", big), "kind": "cv"})
    assert response.status_code == 400
    assert "för stor" in response.content.decode()
    assert bytes_passed_on["bytes"] == 0
    assert not Document.objects.exists()


def test_a_file_just_over_the_limit_is_cut_off_at_the_limit(
    seeker_client, settings, pdf, bytes_passed_on
):
    settings.MAX_DOCUMENT_SIZE = 300_000
    slightly_big = pdf + b"%" + b"x" * (settings.MAX_DOCUMENT_SIZE + 1000 - len(pdf))
    response = seeker_client.post(URL, {"file": upload("cv.pdf", slightly_big), "kind": "cv"})
    assert response.status_code == 400
    assert "för stor" in response.content.decode()
    assert bytes_passed_on["bytes"] <= settings.MAX_DOCUMENT_SIZE
    assert not Document.objects.exists()


def test_a_file_at_the_limit_is_accepted(seeker_client, settings, pdf):
    settings.MAX_DOCUMENT_SIZE = 200_000
    # Padded with a comment before its end-of-file mark, which a PDF ends with.
    end = pdf.rindex(b"%%EOF")
    padding = b"%" + b"x" * (settings.MAX_DOCUMENT_SIZE - len(pdf) - 2) + b"\n"
    exact = pdf[:end] + padding + pdf[end:]
    response = seeker_client.post(URL, {"file": upload("cv.pdf", exact), "kind": "cv"})
    assert response.status_code == 302
    assert Document.objects.get().size == settings.MAX_DOCUMENT_SIZE


def test_hundreds_of_file_parts_get_a_clear_400_page(seeker_client, pdf):
    files = [upload(f"cv{i}.pdf", pdf) for i in range(300)]
    response = seeker_client.post(URL, {"file": files, "kind": "cv"})
    assert response.status_code == 400
    assert "för många filer" in response.content.decode()
    assert not Document.objects.exists()


def test_a_broken_multipart_body_is_a_400_not_a_500(seeker_client):
    response = seeker_client.generic(
        "POST",
        URL,
        b'--xyz\r\nContent-Disposition: form-data; name="file"; '
        b'filename="a.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@\r\n--xyz--\r\n',
        content_type="multipart/form-data; boundary=xyz",
    )
    assert response.status_code == 400
