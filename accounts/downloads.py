"""File responses for private documents: always an attachment, never sniffed, never cached."""

import unicodedata
from urllib.parse import quote

from django.http import FileResponse

from . import filetypes


def download_name(title: str, content_type: str) -> str:
    kind = filetypes.ALLOWED.get(content_type)
    name = title.replace("/", "-").replace("\\", "-").strip() or "document"
    if kind and not name.lower().endswith("." + kind.extension):
        name = f"{name}.{kind.extension}"
    return name


def content_disposition(filename: str) -> str:
    ascii_name = (
        unicodedata.normalize("NFKD", filename)
        .encode("ascii", "ignore")
        .decode()
        .replace('"', "")
        .replace("\r", "")
        .replace("\n", "")
    ) or "document"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def private_file_response(fileobj, *, filename: str, content_type: str) -> FileResponse:
    response = FileResponse(fileobj, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
