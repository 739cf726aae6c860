"""Load realistic Swedish demo data: idempotent, and fast at scale with bulk inserts.

    manage.py seed_demo               # the taxonomy, a staff user, companies, ads, seekers ...
    manage.py seed_demo --ads 100000  # grow the ads to (at least) that many
    manage.py seed_demo --once        # do nothing if the demo data is already there
    manage.py seed_demo --i-know      # seed even with DEBUG off (a production database!)

Each app's part is a module of demo/parts/ with a `seed(ctx)` function, called in dependency
order; each part checks what exists before it writes. The demo app depends on every app and
no app depends on it, so demo data never ties two apps together.

The demo data include a staff login whose password is published in the README: the command
refuses to run with DEBUG off unless told `--i-know`. The staff user's second factor is a
secret made at seed time, printed with the logins.
"""

import importlib
import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.context import DemoContext

# Order matters: later parts use what earlier parts made.
PARTS = (
    "demo.parts.taxonomy",
    "demo.parts.accounts",
    "demo.parts.companies",
    "demo.parts.logos",
    "demo.parts.ads",
    "demo.parts.activity",
    "demo.parts.privacy",
)


class Command(BaseCommand):
    help = "Load realistic Swedish demo data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--ads", type=int, default=300, help="ads to have in all")
        parser.add_argument(
            "--once", action="store_true", help="skip if the demo data is already loaded"
        )
        parser.add_argument("--seed", type=int, default=2026, help="random seed")
        parser.add_argument(
            "--i-know",
            action="store_true",
            help="seed even with DEBUG off: creates a staff login with a published password",
        )

    def handle(self, *args, ads, once, seed, i_know, **options):
        if not settings.DEBUG and not i_know:
            raise CommandError(
                "Refusing to seed demo data with DEBUG off: they include a staff login with a "
                "published password. If this really is a demo instance, add --i-know."
            )
        rng = random.Random(seed)  # noqa: S311 (demo data, not secrets)
        ctx = DemoContext(rng=rng, target_ads=ads, out=self.stdout)
        if once and ctx.already_loaded():
            self.stdout.write("Demo data already loaded.")
        else:
            for name in PARTS:
                module = importlib.import_module(name)
                started = time.monotonic()
                module.seed(ctx)
                self.stdout.write(f"  {name}: {time.monotonic() - started:.1f} s")
        ctx.print_logins()
