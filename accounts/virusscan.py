"""The virus-scanner hook: every document goes through ClamAV's clamd before it is stored.

With settings.CLAMAV_URL unset ("") the hook does nothing. When set ("tcp://host:3310" or
"unix:///run/clamav/clamd.ctl") the file is streamed with clamd's INSTREAM command: the
command, then chunks each prefixed by their length as a 4-byte big-endian integer, then a
zero length. clamd answers "stream: OK" or "stream: <name> FOUND". If the scanner cannot be
reached the upload is refused (fail closed): an unchecked file is never stored.
"""

import logging
import socket
import struct
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)
CHUNK = 64 * 1024
TIMEOUT = 30


class ScanError(Exception):
    """The scanner could not give an answer."""


class VirusFound(Exception):
    def __init__(self, signature: str):
        super().__init__(signature)
        self.signature = signature


def _connect(url: str) -> socket.socket:
    parts = urlsplit(url)
    if parts.scheme == "unix":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(TIMEOUT)
        sock.connect(parts.path)
        return sock
    if parts.scheme == "tcp" and parts.hostname:
        return socket.create_connection((parts.hostname, parts.port or 3310), timeout=TIMEOUT)
    raise ScanError(f"unsupported CLAMAV_URL scheme {parts.scheme!r}")


def _answer(sock: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\0"):
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data.rstrip(b"\0").decode("utf-8", "replace").strip()


def scan(fileobj) -> None:
    """Raise VirusFound for an infected file, ScanError if the scanner fails; else return."""
    url = settings.CLAMAV_URL
    if not url:
        return
    fileobj.seek(0)
    try:
        with _connect(url) as sock:
            sock.sendall(b"zINSTREAM\0")
            while chunk := fileobj.read(CHUNK):
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            answer = _answer(sock)
    except OSError as exc:
        logger.warning("virus scanner unreachable: %s", type(exc).__name__)
        raise ScanError("scanner unreachable") from exc
    finally:
        fileobj.seek(0)
    if answer.endswith("FOUND"):
        signature = answer.removeprefix("stream:").removesuffix("FOUND").strip()
        logger.info("virus scanner refused an upload: %s", signature)
        raise VirusFound(signature)
    if not answer.endswith("OK"):
        raise ScanError(f"unexpected scanner answer {answer[:80]!r}")
