"""The ClamAV hook, against a tiny fake clamd speaking the INSTREAM protocol."""

import socket
import struct
import threading

import pytest
from django.urls import reverse

from accounts import virusscan
from accounts.models import Document

from .conftest import upload

EICAR_MARK = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE"


class FakeClamd:
    """Answers each INSTREAM like clamd: FOUND when the stream holds the EICAR marker."""

    def __init__(self, unix_path=None):
        if unix_path:
            self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.server.bind(str(unix_path))
            self.server.listen()
            self.port = None
        else:
            self.server = socket.create_server(("127.0.0.1", 0))
            self.port = self.server.getsockname()[1]
        self.received: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read_exact(self, conn, n):
        data = b""
        while len(data) < n:
            chunk = conn.recv(n - len(data))
            if not chunk:
                raise ConnectionError
            data += chunk
        return data

    def _serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                command = b""
                while not command.endswith(b"\0"):
                    command += conn.recv(1)
                assert command == b"zINSTREAM\0"
                stream = b""
                while size := struct.unpack("!L", self._read_exact(conn, 4))[0]:
                    stream += self._read_exact(conn, size)
                self.received.append(stream)
                found = EICAR_MARK in stream
                conn.sendall(b"stream: Eicar-Test-Signature FOUND\0" if found else b"stream: OK\0")

    def close(self):
        self.server.close()


@pytest.fixture
def clamd(settings):
    fake = FakeClamd()
    settings.CLAMAV_URL = f"tcp://127.0.0.1:{fake.port}"
    yield fake
    fake.close()


def test_without_a_scanner_configured_the_hook_does_nothing(settings, pdf):
    import io

    settings.CLAMAV_URL = ""
    assert virusscan.scan(io.BytesIO(pdf)) is None


def test_a_clean_file_is_streamed_whole_to_the_scanner(clamd, pdf):
    import io

    big = pdf + b"x" * (3 * virusscan.CHUNK + 17)
    virusscan.scan(io.BytesIO(big))
    assert clamd.received == [big]


def test_an_infected_file_is_named_by_the_scanner(clamd, pdf):
    import io

    with pytest.raises(virusscan.VirusFound) as found:
        virusscan.scan(io.BytesIO(pdf + EICAR_MARK))
    assert found.value.signature == "Eicar-Test-Signature"


def test_clamd_on_a_unix_socket_works_too(settings, tmp_path, pdf):
    import io

    fake = FakeClamd(unix_path=tmp_path / "clamd.sock")
    settings.CLAMAV_URL = f"unix://{tmp_path / 'clamd.sock'}"
    try:
        virusscan.scan(io.BytesIO(pdf))
        with pytest.raises(virusscan.VirusFound):
            virusscan.scan(io.BytesIO(EICAR_MARK))
    finally:
        fake.close()
    assert fake.received == [pdf, EICAR_MARK]


def test_an_unreachable_scanner_refuses_the_file(settings, pdf):
    import io

    spare = socket.create_server(("127.0.0.1", 0))
    port = spare.getsockname()[1]
    spare.close()
    settings.CLAMAV_URL = f"tcp://127.0.0.1:{port}"
    with pytest.raises(virusscan.ScanError):
        virusscan.scan(io.BytesIO(pdf))


@pytest.mark.django_db
def test_an_infected_upload_is_refused_with_a_clear_message(clamd, seeker_client, pdf):
    response = seeker_client.post(
        reverse("accounts:documents"), {"file": upload("cv.pdf", pdf + EICAR_MARK), "kind": "cv"}
    )
    assert response.status_code == 400
    assert "Virusskannern hittade något skadligt" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_a_clean_upload_is_scanned_then_stored(clamd, seeker_client, pdf):
    response = seeker_client.post(
        reverse("accounts:documents"), {"file": upload("cv.pdf", pdf), "kind": "cv"}
    )
    assert response.status_code == 302
    assert clamd.received == [pdf]
    assert Document.objects.count() == 1
