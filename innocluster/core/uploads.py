"""Checks every uploaded file passes before it is kept: a known extension, a size limit, and first
bytes that match the extension (a renamed executable is refused)."""

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext as _

from innocluster.core.errors import CoreErrorCode, InvalidInput

ZIP = b"PK\x03\x04"
# extension -> (content type, accepted first bytes)
KINDS = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP,)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)),
    ".odt": ("application/vnd.oasis.opendocument.text", (ZIP,)),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", (ZIP,)),
    ".dxf": ("image/vnd.dxf", (b"0", b"  0", b"999")),
    ".step": ("model/step", (b"ISO-10303-21",)),
    ".stp": ("model/step", (b"ISO-10303-21",)),
    ".stl": ("model/stl", (b"solid", b"")),
}
DOCUMENTS = (".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx", ".odt", ".ods")
DRAWINGS = (*DOCUMENTS, ".dxf", ".step", ".stp", ".stl")


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    extension: str
    content_type: str
    content: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


def check_upload(upload, *, allowed: tuple[str, ...] = DOCUMENTS, field: str = "file") -> CheckedUpload:
    name = PurePath(str(getattr(upload, "name", "") or "")).name.replace("\x00", "")[:200]
    extension = PurePath(name).suffix.lower()
    if extension not in allowed:
        raise InvalidInput(
            _("Allowed files: %(types)s.") % {"types": ", ".join(allowed)},
            field=field,
            code=CoreErrorCode.FILE_TYPE,
        )
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise InvalidInput(
            _("The file is larger than %(mb)d MB.") % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)},
            field=field,
            code=CoreErrorCode.FILE_SIZE,
        )
    if upload.size == 0:
        raise InvalidInput(_("The file is empty."), field=field, code=CoreErrorCode.FILE_EMPTY)
    content = upload.read()
    content_type, magics = KINDS[extension]
    if not any(content.startswith(magic) for magic in magics):
        raise InvalidInput(
            _("The file's content does not match its type %(ext)s.") % {"ext": extension},
            field=field,
            code=CoreErrorCode.FILE_TYPE,
        )
    return CheckedUpload(name, extension, content_type, content, hashlib.sha256(content).hexdigest())
