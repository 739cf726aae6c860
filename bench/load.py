"""Load: visitors, seekers and employers against gunicorn on PostgreSQL with 100 000 active
ads, with one web process and then two, so the scaling per process shows.

    .venv/bin/python bench/load.py [--users 40] [--seconds 60]

A script, not a test; loopback only, bounded in time. It seeds the database of
bench/search.py's shape (100 000 active and 900 000 closed ads, once, then reused) into
jb_load, adds seekers and employers with applications, collects the static files, and
serves the site as production does (DEBUG off, Redis for cache, sessions and rate limits;
the mail queue fills in Redis, no worker sends it). locust (bench/locustfile.py) then runs
headless for the given time against 1 and then 2 gunicorn worker processes and prints, per
page type: requests/s, median, p95, p99 (ms) and errors. 0 errors is the bar (exit 1).
"""

import argparse
import csv
import os
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE / "bench"))
from observatory import make_certificate  # noqa: E402 (a sibling script)

VENV = BASE / ".venv" / "bin"
PORTS = {1: 8121, 2: 8122}  # one port a run: the first server may still be closing
URL = "postgres://postgres@127.0.0.1:5432/jb_load"
PASSWORD = "load-test-password-1"  # noqa: S105 (accounts of a scratch database)
SEEKERS, EMPLOYERS = 200, 40


def environment(work: Path) -> dict[str, str]:
    origins = ",".join(f"https://127.0.0.1:{port}" for port in PORTS.values())
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": URL,
        "REDIS_URL": "redis://127.0.0.1:6379/10",
        "DEBUG": "false",
        "SECRET_KEY": "load-" + "x" * 60,
        "EMAIL_URL": "smtp://127.0.0.1:2525",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Served over TLS as in production (Secure cookies need it), with a throw-away
        # certificate made in the work folder.
        "CSRF_TRUSTED_ORIGINS": origins,
        "SECURE_SSL_REDIRECT": "false",
        "TRUSTED_PROXY_COUNT": "1",
        "STATIC_ROOT": str(work / "static"),
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": "60",
    }


PEOPLE = """
import json
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from accounts.models import User
from companies.models import Company, Membership
from jobs.models import Ad
password = make_password("{password}")
if not User.objects.filter(email="seeker0@load.example").exists():
    User.objects.bulk_create(
        [User(email=f"seeker{{i}}@load.example", password=password, first_name="Sökande",
              last_name=str(i)) for i in range({seekers})]
        + [User(email=f"employer{{i}}@load.example", password=password, first_name="Chef",
                last_name=str(i)) for i in range({employers})]
    )
    from allauth.account.models import EmailAddress
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True)
        for u in User.objects.filter(email__endswith="@load.example")
    )
    companies = list(Company.objects.order_by("pk")[: {employers}])
    for i, company in enumerate(companies):
        user = User.objects.get(email=f"employer{{i}}@load.example")
        Membership.objects.create(company=company, user=user, role="owner")
now = timezone.now()
active = Ad.objects.filter(status="published", ends_at__gt=now)
first, last = active.order_by("pk").values_list("pk", flat=True)[:1][0], active.order_by(
    "-pk").values_list("pk", flat=True)[:1][0]
print(json.dumps({{"first": first, "last": last}}))
"""


def prepare(env: dict[str, str]) -> dict[str, int]:
    import json

    subprocess.run(
        [str(VENV / "python"), "bench/search.py", "--runs", "1", "--seed-only"],
        cwd=BASE,
        env=env,
        check=True,
    )
    subprocess.run(
        [str(VENV / "python"), "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=BASE,
        env=env,
        check=True,
    )
    code = PEOPLE.format(password=PASSWORD, seekers=SEEKERS, employers=EMPLOYERS)
    out = subprocess.run(
        [str(VENV / "python"), "manage.py", "shell", "-c", code],
        cwd=BASE,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def serve(env: dict[str, str], workers: int, cert: Path, key: Path) -> subprocess.Popen:
    port = PORTS[workers]
    command = [str(VENV / "gunicorn"), "config.wsgi:application", "-c", "config/gunicorn.py"]
    command += ["--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
    command += ["--certfile", str(cert), "--keyfile", str(key), "--access-logfile", "/dev/null"]
    process = subprocess.Popen(command, cwd=BASE, env=env)
    unverified = ssl._create_unverified_context()  # noqa: S323 (our throw-away certificate)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(
                f"https://127.0.0.1:{port}/readyz", timeout=5, context=unverified
            )
            return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    sys.exit("gunicorn did not become ready")


def run_locust(env, ads, *, port: int, users: int, seconds: int, out: Path):
    load_env = {
        **env,
        "LOAD_AD_FIRST": str(ads["first"]),
        "LOAD_AD_LAST": str(ads["last"]),
        "LOAD_SEEKERS": str(SEEKERS),
        "LOAD_EMPLOYERS": str(EMPLOYERS),
        "LOAD_PASSWORD": PASSWORD,
    }
    subprocess.run(
        [
            str(VENV / "locust"),
            "-f",
            "bench/locustfile.py",
            "--headless",
            "--only-summary",
            "-u",
            str(users),
            "-r",
            str(max(1, users // 5)),
            "-t",
            f"{seconds}s",
            "--host",
            f"https://127.0.0.1:{port}",
            "--csv",
            str(out),
            "--loglevel",
            "WARNING",
        ],
        cwd=BASE,
        env=load_env,
        check=False,
        stdout=subprocess.DEVNULL,
    )
    with open(f"{out}_stats.csv", newline="") as f:
        return list(csv.DictReader(f))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="load-"))
    env = environment(work)
    ads = prepare(env)
    cert, key = make_certificate(work)
    results = {}
    for workers, port in PORTS.items():
        server = serve(env, workers, cert, key)
        try:
            results[workers] = run_locust(
                env,
                ads,
                port=port,
                users=args.users,
                seconds=args.seconds,
                out=work / f"w{workers}",
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"\n{args.users} simulated people for {args.seconds} s each run; 100 000 active ads")
    header = (
        f"{'page type':<28}{'processes':>10}{'req/s':>9}{'p50':>7}{'p95':>7}{'p99':>7}{'errors':>8}"
    )
    print(header)
    errors = 0
    for workers, rows in results.items():
        for row in rows:
            errors += int(row["Failure Count"])
            print(
                f"{row['Type'] + ' ' + row['Name']:<28}{workers:>10}"
                f"{float(row['Requests/s']):>9.1f}"
                f"{row['50%']:>7}{row['95%']:>7}{row['99%']:>7}{row['Failure Count']:>8}"
            )
    print(f"\nerrors in all: {errors} (the bar: 0); results in {work}")
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
