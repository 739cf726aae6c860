"""Erase one person (by e-mail) from every declared model, as the registry says.

    manage.py erase_subject EMAIL [--dry-run]

What the law obliges us to keep is kept, restricted, and reported with the reason and until
when; rows under a legal hold are never touched.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from privacy import subjects

from .export_subject import find_user


class Command(BaseCommand):
    help = "Erase every registered row of one person (by e-mail)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--dry-run", action="store_true", help="Report only.")

    def handle(self, *args: Any, email: str, dry_run: bool = False, **options: Any) -> None:
        try:
            report = subjects.erase(
                user=find_user(email), email=email, by=None, now=timezone.now(), dry_run=dry_run
            )
        except subjects.ErasureError as error:
            raise CommandError(str(error)) from error
        if dry_run:
            self.stdout.write("DRY RUN, nothing changed")
        for outcome in ("deleted", "anonymised", "stopped", "hidden", "kept"):
            for entry in report[outcome]:
                line = f"{outcome}: {entry['category']}: {entry['count']}"
                if outcome == "kept":
                    line += f" ({entry['reason']}; until {entry['until'] or 'released'})"
                self.stdout.write(line)
