"""How fast seed_demo loads N ads, on SQLite and (when given) PostgreSQL.

    .venv/bin/python bench/seed_demo.py --ads 100000 \
        --postgres postgres://postgres@127.0.0.1:5432/jobboard_seed_bench

Each database is created fresh (a temporary SQLite file; the PostgreSQL database is dropped
and created), migrated, then seeded; the seeding time is printed with ads per second.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

BASE = Path(__file__).resolve().parent.parent


def _manage(url: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _fresh_postgres(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def measure(label: str, url: str, ads: int) -> None:
    _manage(url, "migrate", "--no-input", "-v", "0")
    started = time.perf_counter()
    _manage(url, "seed_demo", "--ads", str(ads))
    seconds = time.perf_counter() - started
    print(f"{label:<11} {ads:>8} ads  {seconds:7.1f} s  {ads / seconds:9.0f} ads/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ads", type=int, default=100_000)
    parser.add_argument("--postgres", help="URL of a scratch PostgreSQL database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        measure("SQLite", f"sqlite:///{folder}/seed.sqlite3", args.ads)
    if args.postgres:
        _fresh_postgres(args.postgres)
        measure("PostgreSQL", args.postgres, args.ads)


if __name__ == "__main__":
    main()
