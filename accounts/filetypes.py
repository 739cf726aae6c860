"""What a document really is, judged from its bytes, never from its name.

PDF starts with "%PDF-". DOCX and ODT are ZIP archives: an ODT names its type in a first
entry called "mimetype", a DOCX declares its main part in "[Content_Types].xml". Anything
else (a renamed .exe, an image, a spreadsheet) is refused.
"""

import zipfile
from dataclasses import dataclass

import filetype

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MAX_META_READ = 64 * 1024


@dataclass(frozen=True)
class DocumentType:
    content_type: str
    extension: str


ALLOWED = {
    PDF: DocumentType(PDF, "pdf"),
    DOCX: DocumentType(DOCX, "docx"),
    ODT: DocumentType(ODT, "odt"),
}


def _read_entry(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        with archive.open(name) as entry:
            return entry.read(_MAX_META_READ)
    except (KeyError, zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError):
        return None


def _zip_document_type(fileobj) -> str | None:
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    with archive:
        mimetype = _read_entry(archive, "mimetype")
        if mimetype is not None and mimetype.strip() == ODT.encode():
            return ODT
        content_types = _read_entry(archive, "[Content_Types].xml")
        if content_types and _DOCX_MAIN in content_types:
            return DOCX
    return None


def detect(fileobj) -> DocumentType | None:
    """The allowed type of an uploaded file, or None. Leaves the file at position 0."""
    fileobj.seek(0)
    head = fileobj.read(8192)
    fileobj.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return ALLOWED[PDF]
        kind = filetype.guess(head)
        if kind is not None and kind.mime in {"application/zip", DOCX, ODT}:
            found = _zip_document_type(fileobj)
            return ALLOWED.get(found) if found else None
        return None
    finally:
        fileobj.seek(0)
