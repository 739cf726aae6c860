"""The nightly sweep: a file in the private folder that no row names is reported and removed
(after a grace period for uploads whose row is not committed yet); files with rows stay."""

import datetime as dt
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from config.celery import BEAT_SCHEDULE
from privacy import orphans, tasks
from tests.factories.accounts import DocumentFactory

pytestmark = pytest.mark.django_db


def _orphan(name, *, age, now):
    stored = default_storage.save(name, ContentFile(b"left behind"))
    moment = (now - age).timestamp()
    os.utime(default_storage.path(stored), (moment, moment))
    return stored


def test_a_file_with_no_row_is_removed_and_a_file_with_a_row_stays(frozen_now):
    document = DocumentFactory()
    old = _orphan("documents/lost.pdf", age=dt.timedelta(days=2), now=frozen_now)
    result = orphans.sweep_orphan_files(now=frozen_now)
    assert result.orphans == [old]
    assert result.removed == 1
    assert not default_storage.exists(old)
    assert default_storage.exists(document.file.name)


def test_a_fresh_upload_whose_row_is_not_committed_yet_is_left_alone(frozen_now):
    fresh = _orphan("documents/uploading.pdf", age=dt.timedelta(minutes=5), now=frozen_now)
    assert orphans.sweep_orphan_files(now=frozen_now).orphans == []
    assert default_storage.exists(fresh)


def test_the_grace_period_boundary(frozen_now):
    before = _orphan("a/before.pdf", age=orphans.GRACE - dt.timedelta(seconds=1), now=frozen_now)
    after = _orphan("a/after.pdf", age=orphans.GRACE + dt.timedelta(seconds=1), now=frozen_now)
    assert orphans.sweep_orphan_files(now=frozen_now).orphans == [after]
    assert default_storage.exists(before)


def test_a_dry_run_reports_without_removing(frozen_now):
    old = _orphan("documents/lost.pdf", age=dt.timedelta(days=2), now=frozen_now)
    result = orphans.sweep_orphan_files(now=frozen_now, dry_run=True)
    assert result.orphans == [old]
    assert result.removed == 0
    assert default_storage.exists(old)


def test_the_sweep_runs_nightly_from_beat(frozen_now):
    names = {entry["task"] for entry in BEAT_SCHEDULE.values()}
    assert "privacy.tasks.sweep_orphan_files" in names
    _orphan("documents/lost.pdf", age=dt.timedelta(days=2), now=frozen_now)
    assert tasks.sweep_orphan_files.delay().get() == 1
