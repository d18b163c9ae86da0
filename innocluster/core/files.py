"""Stored files have no public URL (DESIGN.md rule 12): they are kept under random names and
served only by views that have checked the object's permission first. Behind a proxy the
platform hands the sending to it (nginx's X-Accel-Redirect, or X-Sendfile) after the check."""

import logging
import uuid
from pathlib import PurePath

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

logger = logging.getLogger(__name__)


def random_name(prefix: str, filename: str) -> str:
    """`prefix/<32 random hex digits><.ext>`: nothing of the original name or content, never guessable."""
    extension = PurePath(filename).suffix.lower()[:10]
    return f"{prefix}/{uuid.uuid4().hex}{extension}"


def serve_private_file(field_file, *, filename: str, content_type: str) -> HttpResponse:
    """The stored file as an attachment; call it only after the permission check."""
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    header = settings.SENDFILE_HEADER
    if header:
        response = HttpResponse(content_type=content_type)
        if header.lower() == "x-accel-redirect":
            response[header] = settings.SENDFILE_URL_PREFIX.rstrip("/") + "/" + field_file.name
        else:
            response[header] = field_file.path
    else:
        try:
            handle = field_file.open("rb")
        except FileNotFoundError as exc:  # the row outlived its file (restored database, lost disk)
            logger.error("stored file missing: %s", field_file.name)
            raise Http404 from exc
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = disposition
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
