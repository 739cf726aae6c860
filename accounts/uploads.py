"""Uploads are refused at the door: before a too-large file is stored anywhere.

Django has no total size cap for files: without this handler a 50 MB upload is read in full
into a temporary file before a form can say no. `DocumentSizeLimitHandler` is first in
settings.FILE_UPLOAD_HANDLERS:

- when the request's CONTENT_LENGTH is already over the limit, every file part is skipped
  before its first byte is kept;
- otherwise it counts each file's bytes and skips the file the moment it passes the limit.

Skipped bytes are drained from the connection and thrown away, never stored. The request is
marked (`request.upload_too_large`) so the form can say why the file is missing. The front
proxy should also cap the body size (e.g. nginx client_max_body_size 12m).
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

# Room for the multipart boundaries and the other fields of an upload form.
FORM_OVERHEAD = 256 * 1024


def mark_too_large(request) -> None:
    if request is not None:
        request.upload_too_large = True


class DocumentSizeLimitHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        limit = settings.MAX_DOCUMENT_SIZE
        self.request_too_large = bool(content_length and content_length > limit + FORM_OVERHEAD)

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if getattr(self, "request_too_large", False) or (
            self.content_length and self.content_length > settings.MAX_DOCUMENT_SIZE
        ):
            mark_too_large(self.request)
            raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.MAX_DOCUMENT_SIZE:
            mark_too_large(self.request)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None
