"""Files in S3-compatible object storage: a local S3 server (moto in server mode) stands in
for the provider. Uploads land in the bucket as private objects, reach people only through
the permission check (streamed), and leave with their rows; a storage outage mid-erasure
leaves a note that the next sweep acts on, so no object outlives its row for good."""

import socket

import boto3
import pytest
from django.urls import reverse
from django.utils import timezone
from moto.server import ThreadedMotoServer

from accounts.models import Document
from privacy import files as stored_files
from privacy import subjects
from privacy.models import PendingFileRemoval
from tests.factories import UserFactory

from .conftest import upload

pytestmark = pytest.mark.django_db
BUCKET = "jobboard-test"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield server, f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(s3_server, settings, monkeypatch):
    _, endpoint = s3_server
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-north-1")
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "eu-north-1",
                "default_acl": "private",
                "file_overwrite": False,
                "location": "private",
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


@pytest.fixture
def stored_cv(s3, seeker, seeker_client, pdf):
    response = seeker_client.post(
        reverse("accounts:documents"), {"file": upload("Åsa_CV.pdf", pdf), "kind": "cv"}
    )
    assert response.status_code == 302
    return Document.objects.get(owner=seeker)


def test_an_upload_is_a_private_object_in_the_bucket(s3, stored_cv):
    assert keys(s3) == [f"private/{stored_cv.file.name}"]
    grants = s3.get_object_acl(Bucket=BUCKET, Key=keys(s3)[0])["Grants"]
    assert all("AllUsers" not in str(grant["Grantee"]) for grant in grants)


def test_the_owner_gets_the_file_streamed_and_nobody_else(s3, stored_cv, seeker_client, pdf):
    url = reverse("accounts:document_download", args=[stored_cv.pk])
    response = seeker_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf
    assert response["Cache-Control"] == "private, no-store"
    assert "amazonaws" not in response.get("Location", "")

    seeker_client.force_login(UserFactory())
    assert seeker_client.get(url).status_code == 404


def test_deleting_the_document_removes_the_object(
    s3, stored_cv, seeker_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = seeker_client.post(reverse("accounts:document_delete", args=[stored_cv.pk]))
    assert response.status_code == 302
    assert keys(s3) == []
    assert not PendingFileRemoval.objects.exists()


def test_erasure_removes_the_persons_objects(
    s3, stored_cv, seeker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subjects.erase(user=seeker, by=None, now=timezone.now())
    assert not Document.objects.exists()
    assert keys(s3) == []


def test_a_storage_outage_mid_erasure_is_finished_by_the_sweep(
    s3, s3_server, stored_cv, seeker, django_capture_on_commit_callbacks
):
    server, _ = s3_server
    server.stop()  # the provider goes away after the rows are gone, before the objects are
    try:
        with django_capture_on_commit_callbacks(execute=True):
            subjects.erase(user=seeker, by=None, now=timezone.now())
        assert not Document.objects.exists()
        note = PendingFileRemoval.objects.get()
        assert note.name == stored_cv.file.name
        assert note.attempts == 1
    finally:
        server.start()  # the same in-memory bucket comes back
    assert keys(s3) == [f"private/{stored_cv.file.name}"]

    assert stored_files.retry_pending() == (1, 0)

    assert keys(s3) == []
    assert not PendingFileRemoval.objects.exists()


def test_a_rolled_back_delete_keeps_its_object_and_leaves_no_note(s3, stored_cv):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        stored_files.remove_after_commit([stored_cv.file.name])
        raise RuntimeError("the delete failed")
    assert keys(s3) == [f"private/{stored_cv.file.name}"]
    assert not PendingFileRemoval.objects.exists()


def test_the_orphan_sweep_lists_the_bucket_and_removes_objects_without_a_row(s3, stored_cv):
    import datetime as dt

    from privacy.orphans import sweep_orphan_files

    s3.put_object(Bucket=BUCKET, Key="private/documents/left-behind", Body=b"%PDF-1.4")

    # Run as if a day later: both objects are past the upload grace period.
    result = sweep_orphan_files(now=timezone.now() + dt.timedelta(days=1))

    assert result.orphans == ["documents/left-behind"]
    assert keys(s3) == [f"private/{stored_cv.file.name}"]
