"""The upload size limit, enforced while the file arrives rather than after it is all stored.

Django hands each chunk of an uploaded file to its upload handlers in turn; this one stands
first and, once a file passes `DATASET_UPLOAD_MAX_BYTES`, skips it (`SkipFile`), so no later
handler writes another byte of it to memory or disk. The request remembers the refusal, so the
form can answer politely instead of "no file chosen".
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class SizeLimitedUploadHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.limit = settings.DATASET_UPLOAD_MAX_BYTES

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            self.request.upload_refused_name = self.file_name
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) makes the file


def limit_upload_size(request) -> None:
    """Put the size limit in front of the request's upload handlers (before its body is read)."""
    request.upload_handlers.insert(0, SizeLimitedUploadHandler(request))
