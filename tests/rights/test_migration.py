import datetime as dt
import importlib
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps

from privacy.models import AccessRequest
from rights.models import DataRequest

pytestmark = pytest.mark.django_db
migration = importlib.import_module("rights.migrations.0002_access_requests_from_privacy")
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_the_old_access_requests_become_requests_still_tied_to_their_hold():
    opened = dt.datetime(2028, 1, 31, 9, tzinfo=STOCKHOLM)
    still_open = AccessRequest.objects.create(email="a@example.se", opened_at=opened)
    closed = AccessRequest.objects.create(
        email="b@example.se", opened_at=opened, closed_at=opened + dt.timedelta(days=3)
    )
    migration.forwards(apps, None)
    migration.forwards(apps, None)  # run twice: nothing doubles
    assert DataRequest.objects.count() == 2
    new_open = DataRequest.objects.get(access_request=still_open)
    assert new_open.kind == "access" and new_open.status == "verified"
    assert new_open.due_on == dt.date(2028, 2, 29)
    new_closed = DataRequest.objects.get(access_request=closed)
    assert new_closed.status == "completed" and new_closed.closed_at == closed.closed_at
    assert list(new_closed.events.values_list("action", flat=True)) == ["received", "completed"]
