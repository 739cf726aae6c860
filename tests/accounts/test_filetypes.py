import io

from accounts import filetypes

from .conftest import XLSX_TYPES, docx_bytes, exe_bytes, odt_bytes, zip_bytes


def detect(content: bytes):
    return filetypes.detect(io.BytesIO(content))


def test_a_pdf_is_recognised_by_its_content(pdf):
    assert detect(pdf).content_type == filetypes.PDF


def test_a_docx_is_recognised_by_its_content_types_part():
    assert detect(docx_bytes()).content_type == filetypes.DOCX


def test_an_odt_is_recognised_by_its_mimetype_entry():
    assert detect(odt_bytes()).content_type == filetypes.ODT


def test_a_windows_program_is_not_a_document():
    assert detect(exe_bytes()) is None


def test_an_ordinary_zip_or_a_spreadsheet_is_not_a_document():
    assert detect(zip_bytes({"notes.txt": "hello"})) is None
    assert detect(zip_bytes({"[Content_Types].xml": XLSX_TYPES})) is None


def test_a_broken_zip_and_plain_text_are_not_documents():
    assert detect(b"PK\x03\x04" + b"\x00" * 40) is None
    assert detect(b"Hello, I am a CV") is None
    assert detect(b"") is None


def test_detection_leaves_the_file_at_its_start(pdf):
    handle = io.BytesIO(pdf)
    filetypes.detect(handle)
    assert handle.tell() == 0


def test_a_pdf_header_alone_is_not_a_document(pdf):
    """19 bytes that start like a PDF were accepted as a CV and sent to employers."""
    assert detect(b"%PDF-1.4\nnot a pdf\n") is None
    assert detect(pdf[: pdf.rindex(b"%%EOF")]) is None  # an upload cut short
    assert detect(pdf).content_type == filetypes.PDF
