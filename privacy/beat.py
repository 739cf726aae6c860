"""The schedule written in code wins over the database copy staff see in admin.

django-celery-beat copies config.celery.BEAT_SCHEDULE into PeriodicTask rows, but keeps a
row's `enabled` flag as staff left it: a compliance deadline could be switched off by a
click. When beat starts and after every migrate, each code entry is written over its row
(task, schedule, arguments) and the compliance tasks are switched back on.
"""

import logging
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)

# Tasks that enforce a promise of the privacy notice or a legal deadline: never off (nor
# changed or deleted in admin, privacy/beat_admin.py).
COMPLIANCE_TASKS = frozenset(
    {
        "privacy.tasks.enforce_retention",  # every retention rule
        "privacy.tasks.sweep_orphan_files",  # the files of deleted rows
        "privacy.tasks.remove_pending_files",  # files whose deletion waited for a commit
        "accounts.tasks.deactivate_inactive_employers",  # an idle employer account, off
        "rights.tasks.mail_deadlines",  # a request answered within the month
        "rights.tasks.delete_unverified_requests",  # unverified requests go after 7 days
        # unconfirmed newsletter sign-ups go when their link expires
        "newsletter.tasks.delete_unconfirmed_signups",
    }
)


@transaction.atomic
def sync_schedule(schedule: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """Write the code schedule into PeriodicTask rows; returns the names re-enabled."""
    from django_celery_beat.models import PeriodicTask
    from django_celery_beat.schedulers import ModelEntry

    if schedule is None:
        from config.celery import BEAT_SCHEDULE

        schedule = BEAT_SCHEDULE
    reenabled = []
    for name, entry in schedule.items():
        fields = ModelEntry._unpack_fields(**entry)
        task, _ = PeriodicTask.objects.update_or_create(name=name, defaults=fields)
        if entry["task"] in COMPLIANCE_TASKS and not task.enabled:
            task.enabled = True
            task.save(update_fields=["enabled"])
            reenabled.append(name)
    if reenabled:
        logger.warning(
            "Re-enabled compliance tasks switched off in admin: %s", ", ".join(reenabled)
        )
    return reenabled


def on_beat_init(sender: object = None, **kwargs: Any) -> None:
    sync_schedule()


def on_post_migrate(sender: object = None, using: str | None = None, **kwargs: Any) -> None:
    from django.db import connections

    if (
        "django_celery_beat_periodictask"
        not in connections[using or "default"].introspection.table_names()
    ):
        return
    sync_schedule()
