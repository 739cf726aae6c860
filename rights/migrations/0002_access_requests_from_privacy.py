"""The open/closed access requests of privacy become access requests here, each still tied
to its privacy.AccessRequest (the hold that keeps the rules off the person's data)."""

import calendar
import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations


def _due(opened_at):
    day = opened_at.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def forwards(apps, schema_editor):
    AccessRequest = apps.get_model("privacy", "AccessRequest")
    DataRequest = apps.get_model("rights", "DataRequest")
    RequestEvent = apps.get_model("rights", "RequestEvent")
    for old in AccessRequest.objects.filter(data_request__isnull=True).order_by("pk"):
        closed = old.closed_at is not None
        new = DataRequest.objects.create(
            kind="access",
            email=old.email,
            user_id=old.user_id,
            channel="staff",
            status="completed" if closed else "verified",
            received_at=old.opened_at,
            verified_at=old.opened_at,
            due_on=_due(old.opened_at),
            closed_at=old.closed_at,
            outcome="Answered before requests were kept here." if closed else "",
            access_request_id=old.pk,
        )
        RequestEvent.objects.create(
            request=new, at=old.opened_at, by_id=old.opened_by_id, action="received",
            details={"migrated_from": old.pk},
        )
        if closed:
            RequestEvent.objects.create(
                request=new, at=old.closed_at, action="completed", details={}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("rights", "0001_initial"),
        ("privacy", "0005_enforcementrun_interrupted"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
