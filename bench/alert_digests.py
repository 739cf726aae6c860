"""How long the daily job-alert digests take for many alerts, on the search bench's ads.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jb_jobs_bench \
        .venv/bin/python bench/alert_digests.py --alerts 100000 [--workers 2]

Run bench/search.py --seed-only on the same database first (1 000 000 ads, 100 000 of
them live, a few thousand published each day). The script empties the database's
suppression list and replaces every job alert (and job-alert consent) with --alerts
running, confirmed ones, each with its consent in the ledger and a search taken from real
alerts' shapes (words, a county, an occupation group, an employment type, or none), last
checked a day ago. Then it does the beat task's work: the due alerts in batches, the
batches shared by --workers processes as Celery's workers share them, the mail going to
files in a temporary folder. It prints the alerts per second, each batch's time beside a
batch task's time limit and a worker's peak memory, and checks: every alert marked sent
was mailed, and exactly once.
"""

import argparse
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
CHUNK = 5000
WORDS = ["erfarenhet", "utvecklare", "lager", "truck", "projektledning", "kvantkryptograf"]


def criteria(n: int, counties: list[str], groups: list[str]) -> dict:
    """The shapes of real alerts: mostly a word with or without a place, some filters only."""
    shape = n % 6
    found: dict = {}
    if shape in (0, 1, 2, 3):
        found["q"] = WORDS[n % len(WORDS)]
    if shape in (1, 4):
        found["county"] = counties[n % len(counties)]
    if shape in (2, 5):
        found["occupation_group"] = groups[n % len(groups)]
    if shape == 3:
        found["employment_type"] = "permanent"
    return found


def setup(alerts: int) -> None:
    import datetime

    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from jobs.models import JobAlert
    from privacy import consent
    from privacy.models import ConsentRecord, Purpose, Suppression
    from taxonomy.models import County, OccupationGroup

    now = timezone.now()
    JobAlert.objects.all().delete()
    ConsentRecord.objects.filter(purpose=Purpose.JOB_ALERTS).delete()
    Suppression.objects.all().delete()  # the deletion above suppressed the old addresses
    wording = consent.wording_version(purpose=Purpose.JOB_ALERTS, text="Bench", now=now)
    counties = list(County.objects.values_list("slug", flat=True))
    groups = list(OccupationGroup.objects.values_list("code", flat=True)[:200])
    yesterday = now - datetime.timedelta(days=1)
    for start in range(0, alerts, CHUNK):
        numbers = range(start, min(start + CHUNK, alerts))
        with transaction.atomic():
            JobAlert.objects.bulk_create(
                JobAlert(
                    email=f"a{n}@bench.example",
                    name=f"Bevakning {n}",
                    criteria=criteria(n, counties, groups),
                    created_at=yesterday,
                    checked_until=yesterday,
                    confirmed_at=yesterday,
                    last_seen_on=timezone.localdate(now),
                    wording_shown="Bench",
                )
                for n in numbers
            )
            ConsentRecord.objects.bulk_create(
                ConsentRecord(
                    purpose=Purpose.JOB_ALERTS,
                    email=f"a{n}@bench.example",
                    wording=wording,
                    given_at=yesterday,
                    method="form",
                    last_used_at=yesterday,
                )
                for n in numbers
            )
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def start_worker(folder: str) -> None:
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = folder


def run_batch(alert_ids: list[int]) -> tuple[int, float, float]:
    """One batch task (jobs.tasks.send_job_alert_digest_batch): alerts, seconds, peak MiB."""
    from django.utils import timezone

    from jobs.services import digests

    started = time.perf_counter()
    done = digests.send_digest_batch(alert_ids=alert_ids, now=timezone.now())["alerts"]
    seconds = time.perf_counter() - started
    return done, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def check(folder: Path) -> tuple[int, int]:
    import django

    django.setup()
    from jobs.models import JobAlert

    seen: Counter[str] = Counter()
    for path in folder.iterdir():
        seen.update(re.findall(r"^To: (\S+)$", path.read_text(), flags=re.MULTILINE))
    twice = [a for a, n in seen.items() if n > 1]
    assert not twice, f"{len(twice)} addresses mailed twice"
    sent = JobAlert.objects.exclude(last_sent_on=None).count()
    assert len(seen) == sent, f"{len(seen)} mails for {sent} alerts marked sent"
    return len(seen), JobAlert.objects.count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--alerts", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    started = time.perf_counter()
    with ProcessPoolExecutor(1) as pool:
        pool.submit(setup, args.alerts).result()
    print(f"setup: {args.alerts} alerts in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        with ProcessPoolExecutor(1, initializer=start_worker, initargs=(folder,)) as pool:
            batches, time_limit = pool.submit(due_batches).result()
        with ProcessPoolExecutor(
            args.workers, initializer=start_worker, initargs=(folder,)
        ) as pool:
            results = list(pool.map(run_batch, batches))
        seconds = time.perf_counter() - started
        with ProcessPoolExecutor(1) as pool:
            mails, alerts = pool.submit(check, Path(folder)).result()
    done = sum(n for n, _, _ in results)
    batch_seconds = sorted(s for _, s, _ in results)
    print(f"{done} alerts in {seconds:.1f} s with {args.workers} workers: {done / seconds:.0f}/s")
    print(
        f"{len(batches)} batches: median {statistics.median(batch_seconds):.1f} s, "
        f"longest {batch_seconds[-1]:.1f} s (a batch's time limit: {time_limit} s)"
    )
    print(f"{mails} digests mailed, each once; {alerts - mails} alerts had no new ad")
    print(f"peak RSS of a worker: {max(m for _, _, m in results):.0f} MiB")


def due_batches() -> tuple[list[list[int]], int]:
    """The day's batches, and the time limit of a batch task."""
    from django.utils import timezone

    from jobs import tasks
    from jobs.services import digests

    batches = list(digests.digest_batches(now=timezone.now()))
    return batches, tasks.send_job_alert_digest_batch.time_limit


if __name__ == "__main__":
    main()
