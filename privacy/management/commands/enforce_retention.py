"""Apply every retention rule of the registry, as of today or a given date.

    manage.py enforce_retention [--dry-run] [--as-of YYYY-MM-DD] [--rule NAME]

Prints one line per rule: its name, rows due, rows acted on, rows held, rows restricted. The
nightly beat task runs the same service (privacy.enforcement.enforce); see its design note.
"""

import datetime
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError, OutputWrapper
from django.utils import timezone

from privacy import enforcement
from privacy.models import EnforcementRun


def parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--as-of wants a date as YYYY-MM-DD, not {value!r}") from exc


class Command(BaseCommand):
    help = "Delete, anonymise or stop what has expired under each retention rule."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Change nothing.")
        parser.add_argument("--as-of", type=parse_date, help="The date to enforce as of.")
        parser.add_argument("--rule", help="Only this rule (e.g. visitors.tracking).")
        parser.add_argument("--batch-size", type=int, default=enforcement.BATCH_SIZE)

    def handle(
        self,
        *args: Any,
        dry_run: bool = False,
        as_of: datetime.date | None = None,
        rule: str | None = None,
        batch_size: int = enforcement.BATCH_SIZE,
        **options: Any,
    ) -> None:
        now = timezone.now()
        try:
            run = enforcement.enforce(
                as_of=as_of or timezone.localdate(now),
                now=now,
                dry_run=dry_run,
                rule=rule,
                trigger=EnforcementRun.Trigger.COMMAND,
                batch_size=batch_size,
            )
        except enforcement.UnknownRule as exc:
            raise CommandError(f"No retention rule named {exc}") from exc
        if run.status == EnforcementRun.Status.SKIPPED:
            raise CommandError("Another enforcement run holds the lock; nothing was done.")
        write_report(self.stdout, run)


def write_report(out: OutputWrapper, run: EnforcementRun) -> None:
    title = "DRY RUN, nothing changed" if run.dry_run else "enforced"
    out.write(f"Retention as of {run.as_of.isoformat()} ({title}), run #{run.pk}")
    width = max((len(name) for name in run.counts), default=10)
    for name, counts in run.counts.items():
        out.write(
            f"{name:<{width}}  due {counts['due']:>8}  acted {counts['acted']:>8}  "
            f"held {counts['held']:>8}  restricted {counts.get('restricted', 0):>8}"
        )
