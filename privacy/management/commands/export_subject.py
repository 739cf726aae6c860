"""Write everything held about one person into a ZIP (data.json and their files).

manage.py export_subject EMAIL --out FILE.zip
"""

from argparse import ArgumentParser
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone

from privacy import subjects
from privacy.models import normalize_email

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def find_user(email: str) -> "User | None":
    return get_user_model()._default_manager.filter(email__iexact=normalize_email(email)).first()


class Command(BaseCommand):
    help = "Export every registered row of one person (by e-mail) as a ZIP."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--out", required=True, help="The ZIP file to write.")

    def handle(self, *args: Any, email: str, out: str, **options: Any) -> None:
        with open(out, "wb") as fileobj:
            report = subjects.write_export_zip(
                user=find_user(email), email=email, now=timezone.now(), fileobj=fileobj
            )
        rows = sum(len(c["items"]) for c in report["categories"])
        self.stdout.write(
            f"Wrote {rows} records in {len(report['categories'])} categories to {out}"
        )
