"""What a document really is, judged from its bytes, never from its name.

PDF starts with "%PDF-" and ends with its end-of-file mark "%%EOF" (within its last
kilobyte: a file cut short in the upload, or a header alone, is not a document). DOCX and
ODT are ZIP archives: an ODT names its type in a first entry called "mimetype", a DOCX
declares its main part in "[Content_Types].xml". Anything else (a renamed .exe, an image,
a spreadsheet) is refused.

A ZIP-based document is also checked as an archive (`check_archive`), because it reaches
employers' word processors: at most DOCUMENT_ZIP_MAX_ENTRIES entries, at most
DOCUMENT_ZIP_MAX_UNPACKED bytes unpacked, and unpacked at most DOCUMENT_ZIP_MAX_RATIO times
its own size (a 2 MB "zip bomb" that inflates to 2 GiB, a zip of 60 000 entries). The sizes
an archive declares are checked first; then every entry is inflated in memory, a chunk at a
time and thrown away, up to the same limit, so an archive that understates its sizes fails
its checksum or the limit. Nothing is extracted to disk.
"""

import zipfile
import zlib
from dataclasses import dataclass

import filetype
from django.conf import settings

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


PDF_TAIL = 1024  # the end-of-file mark is in the last kilobyte (the PDF standard)


def _ends_like_a_pdf(fileobj) -> bool:
    fileobj.seek(0, 2)
    size = fileobj.tell()
    fileobj.seek(max(0, size - PDF_TAIL))
    return b"%%EOF" in fileobj.read(PDF_TAIL)


def detect(fileobj) -> DocumentType | None:
    """The allowed type of an uploaded file, or None. Leaves the file at position 0."""
    fileobj.seek(0)
    head = fileobj.read(8192)
    fileobj.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return ALLOWED[PDF] if _ends_like_a_pdf(fileobj) else None
        kind = filetype.guess(head)
        if kind is not None and kind.mime in {"application/zip", DOCX, ODT}:
            found = _zip_document_type(fileobj)
            return ALLOWED.get(found) if found else None
        return None
    finally:
        fileobj.seek(0)


ZIP_BASED = {DOCX, ODT}
_CHUNK = 64 * 1024


class ArchiveRefused(Exception):
    """A ZIP-based document that must not be stored; `reason` says which limit it broke:
    "entries", "unpacked", "ratio" or "broken" (damaged, encrypted, or lying about sizes)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def check_archive(fileobj, *, size: int) -> None:
    """Raise ArchiveRefused unless the archive is within the limits. Leaves it at 0."""
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            entries = archive.infolist()
            _check_declared(entries, size)
            _inflate_all(archive, entries, _unpacked_limit(size))
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
        raise ArchiveRefused("broken") from exc
    finally:
        fileobj.seek(0)


def _unpacked_limit(size: int) -> int:
    return min(settings.DOCUMENT_ZIP_MAX_UNPACKED, settings.DOCUMENT_ZIP_MAX_RATIO * size)


def _check_declared(entries: list[zipfile.ZipInfo], size: int) -> None:
    if len(entries) > settings.DOCUMENT_ZIP_MAX_ENTRIES:
        raise ArchiveRefused("entries")
    declared = sum(entry.file_size for entry in entries)
    if declared > settings.DOCUMENT_ZIP_MAX_UNPACKED:
        raise ArchiveRefused("unpacked")
    if declared > settings.DOCUMENT_ZIP_MAX_RATIO * size:
        raise ArchiveRefused("ratio")


def _inflate_all(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], limit: int) -> None:
    unpacked = 0
    for entry in entries:
        with archive.open(entry) as stream:
            while chunk := stream.read(_CHUNK):
                unpacked += len(chunk)
                if unpacked > limit:
                    raise ArchiveRefused("unpacked")
