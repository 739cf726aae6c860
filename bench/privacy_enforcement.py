"""How fast the retention engine deletes expired visitor rows beside rows under legal hold.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jb_privacy_bench \
        .venv/bin/python bench/privacy_enforcement.py --rows 1000000

Use a scratch database: the script migrates it and empties jobs_adview. It inserts --rows
expired AdView rows (visitors.tracking, 12 months) plus --fresh rows that are not due,
places legal holds on --held random expired rows, runs `visitors.tracking` once, and
prints rows per second, the process's peak RSS (and with --tracemalloc, from a second pass,
the peak Python allocations),
the time each batch's transaction took (median, 99th percentile, max), and checks that every
held row and every fresh row survived and nothing else did. Run it at two sizes to see that
memory stays flat as the table grows.
"""

import argparse
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def setup(rows: int, fresh: int, held: int) -> set[int]:
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from jobs.models import AdView
    from privacy import holds
    from privacy.models import LegalHold

    call_command("migrate", "--no-input", verbosity=0)
    ad_id = _an_ad()
    now = timezone.now()
    # The holds of an earlier run point at ids the new rows reuse: released through the
    # service, like every change of a hold.
    with transaction.atomic():
        for hold in LegalHold.objects.active(timezone.localdate(now)):
            holds.release_hold(hold=hold, by=None, now=now)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE jobs_adview RESTART IDENTITY")
        insert = (
            "INSERT INTO jobs_adview (ad_id, occurred_at, session_hash, device_class, "
            "browser_family, language, referrer) SELECT %s, %s - (g %% 86400) * "
            "interval '1 second', md5(g::text) || md5(g::text), 'desktop', 'Firefox', "
            "'sv', '' FROM generate_series(1, %s) AS g"
        )
        old = timezone.now().replace(year=timezone.now().year - 2)
        cursor.execute(insert, [ad_id, old, rows])
        cursor.execute(insert, [ad_id, timezone.now(), fresh])
        cursor.execute("ANALYZE jobs_adview")
        if connection.vendor == "postgresql":
            # Write the loaded rows out now: the measured run should not pay for the setup.
            cursor.execute("CHECKPOINT")
    keep = set(
        AdView.objects.filter(
            occurred_at__gte=timezone.now().replace(year=timezone.now().year - 1)
        ).values_list("pk", flat=True)
    )
    held_pks = random.Random(7).sample(range(1, rows + 1), held)
    with transaction.atomic():
        for pk in held_pks:
            holds.place_hold(record=AdView(pk=pk), reason="bench dispute", by=None, now=now)
    return keep | set(held_pks)


def _an_ad() -> int:
    from jobs.models import Ad
    from taxonomy.importer import builtin_texts, import_taxonomy

    existing = Ad.objects.values_list("pk", flat=True).first()
    if existing:
        return existing
    import_taxonomy(builtin_texts())
    from tests.factories import AdFactory

    return AdFactory().pk


def enforce(batch_size: int, *, trace: bool = False):
    from django.utils import timezone

    from privacy import enforcement

    locks: list[float] = []
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    run = enforcement.enforce(
        as_of=timezone.localdate(),
        now=timezone.now(),
        trigger="command",
        rule="visitors.tracking",
        batch_size=batch_size,
        on_batch=lambda declaration, acted, seconds: locks.append(seconds),
    )
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    return run, elapsed, peak, locks


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--fresh", type=int, default=10_000)
    parser.add_argument("--held", type=int, default=1_000)
    parser.add_argument("--batch-size", type=int, default=2_500)
    parser.add_argument(
        "--tracemalloc", action="store_true", help="a second pass measuring Python allocations"
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.DEBUG = False  # DEBUG keeps every query's SQL in memory: not what we measure

    if connection.vendor != "postgresql":
        print("note: not PostgreSQL; the figures of the issue are for PostgreSQL")
    t0 = time.perf_counter()
    survivors = setup(args.rows, args.fresh, args.held)
    print(
        f"setup: {args.rows} expired + {args.fresh} fresh rows, {args.held} held, "
        f"{time.perf_counter() - t0:.1f} s"
    )

    rss_before = _peak_rss_mib()
    run, elapsed, _, locks = enforce(args.batch_size)
    counts = run.counts["visitors.tracking"]
    locks_ms = sorted(s * 1000 for s in locks)
    p99 = locks_ms[min(len(locks_ms) - 1, int(len(locks_ms) * 0.99))] if locks_ms else 0
    print(
        f"rule visitors.tracking: due {counts['due']}, acted {counts['acted']}, "
        f"held {counts['held']}"
    )
    print(f"time {elapsed:.2f} s, {counts['acted'] / elapsed:,.0f} rows/s")
    if locks_ms:
        print(
            f"batches {len(locks_ms)} of {args.batch_size}: transaction time median "
            f"{statistics.median(locks_ms):.1f} ms, p99 {p99:.1f} ms, "
            f"max {locks_ms[-1]:.1f} ms"
        )
    print(f"peak RSS {_peak_rss_mib():.0f} MiB (before the run {rss_before:.0f} MiB)")
    _check(survivors, counts, args)

    if args.tracemalloc:
        # A second pass with tracemalloc on: it slows Python, so only its memory counts.
        survivors = setup(args.rows, args.fresh, args.held)
        _, _, peak, _ = enforce(args.batch_size, trace=True)
        print(f"peak Python allocations during the run (tracemalloc) {peak / 1024 / 1024:.2f} MiB")


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _check(survivors, counts, args) -> None:
    from jobs.models import AdView

    left = set(AdView.objects.values_list("pk", flat=True))
    assert left == survivors, (
        f"{len(survivors - left)} held/fresh rows lost, {len(left - survivors)} due rows left"
    )
    assert counts["acted"] == args.rows - args.held
    print(
        f"check: all {args.held} held rows and {args.fresh} fresh rows survived, "
        "every other row is gone"
    )


if __name__ == "__main__":
    main()
