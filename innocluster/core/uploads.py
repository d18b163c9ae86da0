"""Checks every uploaded file passes before it is kept (OWASP ASVS V5): a known extension, a size
limit, and a content that really is of that type, read as a whole, not only its first bytes: a
PDF parses, an office file is a ZIP with the parts of its kind (and no bomb), an STL is ASCII
"solid … endsolid" or a binary STL of exactly the size its triangle count says. When
INNOCLUSTER_CLAMAV_SOCKET is set, clamd scans it too."""

import hashlib
import io
import logging
import struct
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from innocluster.core import antivirus
from innocluster.core.errors import CoreErrorCode, InvalidInput

logger = logging.getLogger(__name__)

# extension -> content type
KINDS = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".dxf": "image/vnd.dxf",
    ".step": "model/step",
    ".stp": "model/step",
    ".stl": "model/stl",
}
DOCUMENTS = (".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx", ".odt", ".ods")
DRAWINGS = (*DOCUMENTS, ".dxf", ".step", ".stp", ".stl")
# An office file may unpack to at most this much, and at most this many times its own size.
UNPACKED_LIMIT = 200 * 1024 * 1024
UNPACKED_RATIO = 100


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


def _pdf(content: bytes) -> bool:
    if not content.startswith(b"%PDF-"):
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(content), strict=False)
            return len(reader.pages) >= 1
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        RecursionError,
        struct.error,
        OSError,
    ):
        return False


def _png(content: bytes) -> bool:
    return content.startswith(b"\x89PNG\r\n\x1a\n") and content[12:16] == b"IHDR" and b"IEND" in content[-16:]


def _jpeg(content: bytes) -> bool:
    return content.startswith(b"\xff\xd8\xff") and content.rstrip(b"\x00").endswith(b"\xff\xd9")


OFFICE_PARTS = {
    ".docx": ("[Content_Types].xml", "word/document.xml"),
    ".xlsx": ("[Content_Types].xml", "xl/workbook.xml"),
}
ODF_MIMETYPES = {
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
}


def _office(content: bytes, extension: str) -> bool:
    if not content.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            unpacked = sum(entry.file_size for entry in entries)
            if unpacked > UNPACKED_LIMIT or unpacked > UNPACKED_RATIO * max(len(content), 1):
                return False
            names = {entry.filename for entry in entries}
            if extension in OFFICE_PARTS:
                return all(part in names for part in OFFICE_PARTS[extension]) and archive.testzip() is None
            return "mimetype" in names and archive.read("mimetype").strip() == ODF_MIMETYPES[extension]
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        KeyError,
        ValueError,
        EOFError,
        OSError,
        NotImplementedError,
    ):
        return False


def _stl(content: bytes) -> bool:
    if len(content) >= 84:
        (triangles,) = struct.unpack("<I", content[80:84])
        if len(content) == 84 + 50 * triangles:
            return True
    head = content.lstrip()[:5].lower()
    return head == b"solid" and b"endsolid" in content[-1024:].lower() and _is_text(content)


def _is_text(content: bytes) -> bool:
    return b"\x00" not in content


def _dxf(content: bytes) -> bool:
    return _is_text(content) and b"SECTION" in content[:4096] and b"EOF" in content[-64:]


def _step(content: bytes) -> bool:
    return content.lstrip().startswith(b"ISO-10303-21;") and b"END-ISO-10303-21;" in content[-256:]


def content_matches(extension: str, content: bytes) -> bool:
    if extension == ".pdf":
        return _pdf(content)
    if extension == ".png":
        return _png(content)
    if extension in (".jpg", ".jpeg"):
        return _jpeg(content)
    if extension in OFFICE_PARTS or extension in ODF_MIMETYPES:
        return _office(content, extension)
    if extension == ".stl":
        return _stl(content)
    if extension == ".dxf":
        return _dxf(content)
    if extension in (".step", ".stp"):
        return _step(content)
    return False


def check_upload(upload, *, allowed: tuple[str, ...] = DOCUMENTS, field: str = "file") -> CheckedUpload:
    """The upload, checked; every refusal is a 422 naming `field` (`file_type`, `file_size`,
    `file_empty`, `file_infected`), or a 503 while a configured virus scanner does not answer."""
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
    if not content_matches(extension, content):
        raise InvalidInput(
            _("The file's content is not a valid %(ext)s file.") % {"ext": extension},
            field=field,
            code=CoreErrorCode.FILE_TYPE,
        )
    found = antivirus.scan(content)
    if found:
        logger.warning("upload refused: %s found in %r", found, name)
        raise InvalidInput(
            _("The file contains malware (%(name)s) and is refused.") % {"name": found},
            field=field,
            code=CoreErrorCode.FILE_INFECTED,
        )
    return CheckedUpload(name, extension, KINDS[extension], content, hashlib.sha256(content).hexdigest())
