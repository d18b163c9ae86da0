"""Uploads scanned by clamd (ClamAV's daemon) over its Unix socket when INNOCLUSTER_CLAMAV_SOCKET
is set: the INSTREAM command, the file in chunks, the verdict. Nothing leaves the machine. When
the scanner is configured but does not answer, uploads are refused (fail closed) with a 503."""

import socket
import struct

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.errors import CoreErrorCode, PlatformError

CHUNK = 64 * 1024
TIMEOUT_SECONDS = 30


class ScannerUnavailable(PlatformError):
    code = CoreErrorCode.SERVICE_UNAVAILABLE
    status = 503
    # lazy: the class is made once, at import, and the message is said in each reader's language
    default_message = gettext_lazy("The virus scanner does not answer; try the upload again in a minute.")


def scan(content: bytes, *, socket_path: str | None = None) -> str | None:
    """The name of what clamd found in `content`, or None when it is clean or no scanner is
    configured."""
    path = socket_path or settings.CLAMAV_SOCKET
    if not path:
        return None
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(TIMEOUT_SECONDS)
            connection.connect(path)
            connection.sendall(b"zINSTREAM\0")
            for start in range(0, len(content), CHUNK):
                chunk = content[start : start + CHUNK]
                connection.sendall(struct.pack("!I", len(chunk)) + chunk)
            connection.sendall(struct.pack("!I", 0))
            answer = b""
            while not answer.endswith(b"\0"):
                part = connection.recv(4096)
                if not part:
                    break
                answer += part
    except OSError as exc:
        raise ScannerUnavailable() from exc
    text = answer.rstrip(b"\0").decode("utf-8", "replace")
    # "stream: OK", "stream: Eicar-Test-Signature FOUND", "INSTREAM size limit exceeded. ERROR"
    if text.endswith("FOUND"):
        return text.removeprefix("stream:").removesuffix("FOUND").strip() or "malware"
    if text.endswith("OK"):
        return None
    raise ScannerUnavailable(_("The virus scanner could not check the file: %(answer)s") % {"answer": text})
