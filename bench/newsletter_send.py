"""How fast a newsletter issue goes to many subscribers, and how much memory the send takes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jobboard_newsletter_bench \
        .venv/bin/python bench/newsletter_send.py --subscribers 100000

Use a scratch database: the script migrates it and empties the newsletter's tables, the
newsletter consents and the suppression list. A first process inserts --subscribers active
subscribers, each with a consent in the ledger, and --withdrawn more whose consent was
withdrawn; this process then
sends one issue through the file backend (one file per batch, in a temporary folder) and
prints mails per second, the process's peak RSS, and checks the files: every consenting
subscriber exactly once, no withdrawn one.
"""

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
CHUNK = 5000


def setup(subscribers: int, withdrawn: int) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from newsletter.models import Delivery, Issue, Subscriber
    from privacy import consent
    from privacy.models import ConsentRecord, Purpose, Suppression

    call_command("migrate", "--no-input", verbosity=0)
    now = timezone.now()
    Delivery.objects.all().delete()
    Issue.objects.all().delete()
    Subscriber.objects.all().delete()
    ConsentRecord.objects.filter(purpose=Purpose.NEWSLETTER).delete()
    Suppression.objects.all().delete()  # the deletion above suppressed the old addresses
    wording = consent.wording_version(purpose=Purpose.NEWSLETTER, text="Bench wording", now=now)
    total = subscribers + withdrawn
    for start in range(0, total, CHUNK):
        numbers = range(start, min(start + CHUNK, total))
        with transaction.atomic():
            Subscriber.objects.bulk_create(
                Subscriber(
                    email=f"s{n}@bench.example",
                    status=Subscriber.Status.ACTIVE,
                    source=Subscriber.Source.PAGE,
                    language="sv",
                    tracking=n % 2 == 0,
                    created_at=now,
                    confirmed_at=now,
                    last_used_at=now,
                )
                for n in numbers
            )
            ConsentRecord.objects.bulk_create(
                ConsentRecord(
                    purpose=Purpose.NEWSLETTER,
                    email=f"s{n}@bench.example",
                    wording=wording,
                    given_at=now,
                    method="email_confirmation",
                    last_used_at=now,
                    withdrawn_at=now if n >= subscribers else None,
                    ended_at=now if n >= subscribers else None,
                )
                for n in numbers
            )


def send(batch_size: int) -> tuple[int, float]:
    from django.utils import timezone

    from newsletter.models import Issue
    from newsletter.services import sending

    now = timezone.now()
    issue = Issue.objects.create(
        subject="Bench",
        body="# Nytt\n\nLäs [tipsen](https://example.se/tips).",
        created_at=now,
        status=Issue.Status.SENDING,
    )
    started = time.perf_counter()
    counts = sending.send_issue(issue=issue, now=now, batch_size=batch_size)
    return counts["sent"], time.perf_counter() - started


def check(folder: Path, subscribers: int) -> None:
    seen: Counter[str] = Counter()
    for path in folder.iterdir():
        seen.update(re.findall(r"^To: (\S+)$", path.read_text(), flags=re.MULTILINE))
    twice = [a for a, n in seen.items() if n > 1]
    withdrawn = [a for a in seen if int(a[1:].split("@")[0]) >= subscribers]
    assert not twice, f"{len(twice)} addresses mailed twice"
    assert not withdrawn, f"{len(withdrawn)} withdrawn addresses mailed"
    assert len(seen) == subscribers, f"{len(seen)} of {subscribers} mailed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--withdrawn", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--setup-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup_only:
        import django

        django.setup()
        setup(args.subscribers, args.withdrawn)
        return
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--setup-only",
            "--subscribers",
            str(args.subscribers),
            "--withdrawn",
            str(args.withdrawn),
        ],
        check=True,
    )
    print(
        f"setup: {args.subscribers + args.withdrawn} subscribers in "
        f"{time.perf_counter() - started:.1f} s"
    )
    with tempfile.TemporaryDirectory() as folder:
        import django

        django.setup()
        from django.conf import settings
        from django.db import connection

        settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
        settings.EMAIL_FILE_PATH = folder

        sent, seconds = send(args.batch_size)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"database: {connection.vendor}, batch size {args.batch_size}")
        print(f"sent {sent} mails in {seconds:.1f} s: {sent / seconds:.0f} mails/s")
        print(f"peak RSS of the sending process: {peak:.0f} MiB")
        check(Path(folder), args.subscribers)
        print("checked: every consenting subscriber exactly once, no withdrawn one")


if __name__ == "__main__":
    main()
