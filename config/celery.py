"""The Celery app and the beat schedule.

The schedule is written here, in code, so it is reviewed and tested: a compliance deadline
must not be switched off by a click. django-celery-beat's database scheduler copies it into
the database at start-up, so staff see each periodic task and its last run in admin.
Every clock here is UTC (CELERY_TIMEZONE): a daylight-saving change neither skips nor
doubles a night.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("jobboard")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# name -> entry; each task named here must exist (tests/config/test_celery_config.py checks it).
BEAT_SCHEDULE: dict[str, dict] = {
    # Retention: every rule of the privacy notice, nightly (privacy/enforcement.py). 01:15 UTC
    # is 02:15 or 03:15 in Stockholm; privacy.beat switches it back on if disabled in admin.
    "privacy-enforce-retention": {
        "task": "privacy.tasks.enforce_retention",
        "schedule": crontab(hour=1, minute=15),
    },
    # No file outlives its row: files in the private folder that no row names (privacy/orphans.py).
    "privacy-sweep-orphan-files": {
        "task": "privacy.tasks.sweep_orphan_files",
        "schedule": crontab(hour=3, minute=10),
    },
    # Payment reminders: 7 days after the due date, the second 14 days later (once each).
    "companies-invoice-reminders": {
        "task": "companies.tasks.send_invoice_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
    # Employer accounts idle for seeker.inactive_account's period are deactivated, not deleted.
    "accounts-deactivate-inactive-employers": {
        "task": "accounts.tasks.deactivate_inactive_employers",
        "schedule": crontab(hour=2, minute=40),
    },
    # Job alerts: one digest a day of new matching ads (the service skips what was sent).
    "jobs-alert-digests": {
        "task": "jobs.tasks.send_job_alert_digests",
        "schedule": crontab(hour=5, minute=30),
    },
    # Newsletter sign-ups never confirmed go the night after their link expires.
    "newsletter-delete-unconfirmed": {
        "task": "newsletter.tasks.delete_unconfirmed_signups",
        "schedule": crontab(hour=1, minute=50),
    },
    # Newsletter issues whose time has come start; a send a killed worker left is resumed.
    "newsletter-start-due-issues": {
        "task": "newsletter.tasks.start_due_issues",
        "schedule": crontab(minute="*"),
    },
    # Files whose rows are gone but whose storage failed at the time (privacy/files.py).
    "privacy-remove-pending-files": {
        "task": "privacy.tasks.remove_pending_files",
        "schedule": crontab(minute="7,22,37,52"),
    },
    # Ended ads leave the partial search indexes (visibility never depends on this).
    "jobs-sweep-search-index": {
        "task": "jobs.tasks.sweep_search_index",
        "schedule": crontab(minute="*/15"),
    },
    # Data subject requests: the deadline mail to their handlers (06:00 UTC), and requests
    # never verified deleted 7 days after they came in.
    "rights-mail-deadlines": {
        "task": "rights.tasks.mail_deadlines",
        "schedule": crontab(hour=6, minute=0),
    },
    "rights-delete-unverified": {
        "task": "rights.tasks.delete_unverified_requests",
        "schedule": crontab(hour=1, minute=45),
    },
}

app.conf.beat_schedule = BEAT_SCHEDULE
