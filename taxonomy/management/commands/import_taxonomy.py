"""Import the place and occupation taxonomy from SCB/JobTech reference files.

    manage.py import_taxonomy --data-dir /path/to/files
    manage.py import_taxonomy --builtin      # the small built-in set (demo, tests)

Without an option it reads TAXONOMY_DATA_DIR. Safe to run again: rows are updated in place.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from taxonomy.importer import TaxonomyError, builtin_texts, directory_texts, import_taxonomy


class Command(BaseCommand):
    help = "Import counties, municipalities and occupations (SCB / JobTech files)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=None)
        parser.add_argument("--builtin", action="store_true")

    def handle(self, *args, data_dir, builtin, **options):
        try:
            texts = (
                builtin_texts()
                if builtin
                else directory_texts(data_dir or Path(settings.TAXONOMY_DATA_DIR))
            )
            result = import_taxonomy(texts)
        except TaxonomyError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"counties={result.counties} municipalities={result.municipalities} "
            f"occupation_groups={result.groups} occupations={result.occupations}"
        )
