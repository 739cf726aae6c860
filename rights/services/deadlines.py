"""The daily deadline mail to the staff who handle requests: the open requests overdue and
due within 1, 3 and 7 days, or nothing when none is."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils import timezone

from mailer import services as mailer

from ..models import DataRequest

BUCKETS = (1, 3, 7)


def handlers() -> list[str]:
    """Active staff who may act on requests (directly or through a group)."""
    permission = Permission.objects.get(
        content_type__app_label="rights", codename="change_datarequest"
    )
    users = get_user_model().objects.filter(
        Q(user_permissions=permission) | Q(groups__permissions=permission) | Q(is_superuser=True),
        is_active=True,
        is_staff=True,
    )
    return sorted({u.email for u in users.distinct() if u.email})


def buckets(*, today: datetime.date) -> dict[str, list[DataRequest]]:
    """Open, verified requests: overdue, then due within 1, 3 and 7 days."""
    found: dict[str, list[DataRequest]] = {"overdue": [], "1": [], "3": [], "7": []}
    for request in DataRequest.objects.due_by(today + datetime.timedelta(days=7)):
        left = request.days_left(today)
        key = "overdue" if left < 0 else str(next(b for b in BUCKETS if left <= b))
        found[key].append(request)
    return found


def send_deadline_mail(*, now: datetime.datetime) -> int:
    """One mail to each handler; returns how many went (0 when nothing is due)."""
    today = timezone.localdate(now)
    due = buckets(today=today)
    if not any(due.values()):
        return 0
    sent = 0
    for address in handlers():
        sent += mailer.send(
            "rights_deadlines",
            to=address,
            context={"due": due, "today": today},
            kind=mailer.MailKind.SERVICE,
        )
    return sent
