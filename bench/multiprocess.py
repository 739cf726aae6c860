"""Many processes behave as one: two gunicorn instances, two Celery workers and beat
against one PostgreSQL and one Redis.

    .venv/bin/python bench/multiprocess.py        (PostgreSQL and Redis on 127.0.0.1)

Each check is run against one process and against many, and the two answers must agree:

- rate limits: a client asking for employers' contact details is refused after the same
  number of requests whether it is served by one instance or alternately by two (the
  counts live in Redis, shared; the client is told apart by X-Forwarded-For behind one
  trusted proxy, as behind the load balancer);
- the retention lock: six nightly runs sent at once to two workers delete the expired rows
  once between them, as one run does (the advisory lock lets one act at a time; the
  others wait for it, then find nothing left, or record "skipped");
- invoice numbers: 100 orders placed by four processes at once get the numbers 1-100,
  each once, no gap (the counter row is locked in each order's transaction);
- a newsletter send: the same issue sent by both workers at once mails each of 2 000
  subscribers once (bench/multiprocess_newsletter.py).

A scratch database (jobboard_multiprocess) and Redis database 11 are used and emptied.
Prints a table and exits 1 if any check disagrees.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
VENV = BASE / ".venv" / "bin"
DB = "jobboard_multiprocess"
PORTS = (8111, 8112)
ENV = {
    **os.environ,
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
    "REDIS_URL": "redis://127.0.0.1:6379/11",
    "DEBUG": "true",
    "TRUSTED_PROXY_COUNT": "1",
    "LOG_LEVEL": "WARNING",
    "CELERY_TASK_ALWAYS_EAGER": "false",
    # Mail lands in files, one folder per run (bench/multiprocess_newsletter.py reads them).
    "EMAIL_URL": "filemail:///" + tempfile.mkdtemp(prefix="multiprocess-mail-"),  # absolute
}


def manage(*args: str, code: str | None = None) -> str:
    command = [str(VENV / "python"), "manage.py", *args]
    if code is not None:
        command += ["-c", code]
    done = subprocess.run(command, cwd=BASE, env=ENV, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def shell_json(code: str):
    """Runs code in `manage.py shell` and reads the JSON of its last line."""
    return json.loads(manage("shell", code=code).strip().splitlines()[-1])


def fresh_database() -> None:
    for sql in (f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)", f"CREATE DATABASE {DB}"):
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True, env=ENV
        )
    subprocess.run(["redis-cli", "-n", "11", "flushdb"], check=True, capture_output=True)
    manage("migrate", "--no-input", "-v", "0")


SEED = """
import datetime as dt, json
from django.utils import timezone
from taxonomy.importer import builtin_texts, import_taxonomy
from tests.factories import AdFactory, UserFactory
from tests.factories.companies import CompanyFactory, MembershipFactory, ProductFactory
from jobs.models import Ad
import_taxonomy(builtin_texts())
now = timezone.now()
company = CompanyFactory()
owner = UserFactory()
MembershipFactory(company=company, user=owner)
product = ProductFactory(days=30)
public = AdFactory(company=company)
drafts = [
    AdFactory(company=company, status=Ad.Status.DRAFT, published_at=None, ends_at=None,
              last_application_date=timezone.localdate(now) + dt.timedelta(days=20)).pk
    for _ in range(100)
]
from jobs.models import AdView
old = now - dt.timedelta(days=800)
AdView.objects.bulk_create(
    AdView(ad=public, occurred_at=old, session_hash=f"h{i}", device_class="desktop")
    for i in range(EXPIRED)
)
print(json.dumps({"ad": public.pk, "drafts": drafts, "product": product.pk, "owner": owner.pk}))
"""


def start(command: list[str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        command, cwd=BASE, env=ENV, stdout=log.open("w"), stderr=subprocess.STDOUT
    )


def wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"gunicorn on {port} did not start")


# --- rate limits ------------------------------------------------------------------------


def reveals_allowed(ports: tuple[int, ...], *, client: str, ad: int, tries: int = 16) -> int:
    """How many contact reveals a client gets before the first 429."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    headers = {"X-Forwarded-For": client, "User-Agent": "Mozilla/5.0 Chrome/130.0"}
    page = (
        opener.open(
            urllib.request.Request(f"http://127.0.0.1:{ports[0]}/jobb/{ad}/", headers=headers)
        )
        .read()
        .decode()
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    for n in range(tries):
        port = ports[n % len(ports)]
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/jobb/{ad}/kontakt/",
            data=f"csrfmiddlewaretoken={token}".encode(),
            headers={**headers, "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            opener.open(request)
        except urllib.error.HTTPError as error:
            if error.code == 429:
                return n
            raise
    return tries


# --- the retention lock ------------------------------------------------------------------

EXPIRED = 5000  # ad views past visitors.tracking's period, for the retention runs to delete

RUNS = """
import datetime as dt, json
from django.utils import timezone
from jobs.models import AdView
from privacy.models import EnforcementRun
old = timezone.now() - dt.timedelta(days=700)
runs = [[r.status, r.counts.get("visitors.tracking", {}).get("acted", 0)]
        for r in EnforcementRun.objects.all()]
print(json.dumps({"runs": runs, "left": AdView.objects.filter(occurred_at__lt=old).count()}))
"""


def retention_runs(count: int) -> dict:
    manage(
        "shell",
        code=(
            "from privacy.tasks import enforce_retention\n"
            f"for _ in range({count}): enforce_retention.delay(trigger='command')"
        ),
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        state = shell_json(RUNS)
        runs = state["runs"]
        if len(runs) >= count and not any(status == "running" for status, _ in runs):
            break
        time.sleep(1)
    return {
        "runs": len(runs),
        "finished": sum(1 for status, _ in runs if status == "finished"),
        "skipped": sum(1 for status, _ in runs if status == "skipped"),
        "deleted": sum(acted for _, acted in runs),
        "left": state["left"],
    }


# --- invoice numbers ---------------------------------------------------------------------

ORDER = """
from django.utils import timezone
from companies.services.orders import order_ad
from companies.models import Product
from jobs.models import Ad
from accounts.models import User
product, owner = Product.objects.get(pk={product}), User.objects.get(pk={owner})
for pk in {ads}:
    order_ad(ad=Ad.objects.get(pk=pk), product=product, by=owner, now=timezone.now(),
             send_invoice=False)
"""


def order_concurrently(seed: dict, processes: int) -> dict:
    chunks = [seed["drafts"][i::processes] for i in range(processes)]
    running = [
        subprocess.Popen(
            [
                str(VENV / "python"),
                "manage.py",
                "shell",
                "-c",
                ORDER.format(product=seed["product"], owner=seed["owner"], ads=chunk),
            ],
            cwd=BASE,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for chunk in chunks
    ]
    errors = [p.communicate()[1] for p in running if p.wait()]
    numbers = shell_json(
        "import json; from companies.models import Invoice;"
        "print(json.dumps(sorted(Invoice.objects.values_list('number', flat=True))))"
    )
    expected = list(range(1, len(seed["drafts"]) + 1))
    return {"invoices": len(numbers), "gap_free": numbers == expected, "errors": len(errors)}


# --- a newsletter send -------------------------------------------------------------------

NEWSLETTER = BASE / "bench" / "multiprocess_newsletter.py"


def newsletter_twice() -> dict | None:
    """One issue sent from both workers at once (bench/multiprocess_newsletter.py)."""
    if not NEWSLETTER.exists():
        return None
    return shell_json(NEWSLETTER.read_text())


def main() -> int:
    print("fresh database and Redis ...", flush=True)
    fresh_database()
    seed = shell_json(SEED.replace("EXPIRED", str(EXPIRED)))
    logs = Path(tempfile.mkdtemp(prefix="multiprocess-"))
    gunicorn = [
        str(VENV / "gunicorn"),
        "config.wsgi:application",
        "-c",
        "config/gunicorn.py",
        "--workers",
        "1",
        "--access-logfile",
        "/dev/null",
    ]
    processes = [
        start([*gunicorn, "--bind", f"127.0.0.1:{port}"], logs / f"web{port}.log") for port in PORTS
    ]
    processes += [
        start(
            [
                str(VENV / "celery"),
                "-A",
                "config",
                "worker",
                "-n",
                f"w{i}@%h",
                "-c",
                "2",
                "-l",
                "warning",
            ],
            logs / f"worker{i}.log",
        )
        for i in (1, 2)
    ]
    processes.append(
        start([str(VENV / "celery"), "-A", "config", "beat", "-l", "warning"], logs / "beat.log")
    )
    try:
        for port in PORTS:
            wait_for(port)
        time.sleep(3)  # the workers connect to the broker
        one = reveals_allowed(PORTS[:1], client="198.51.100.1", ad=seed["ad"])
        two = reveals_allowed(PORTS, client="198.51.100.2", ad=seed["ad"])
        retention = retention_runs(6)
        invoices = order_concurrently(seed, processes=4)
        newsletter = newsletter_twice()
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)

    rows = [
        ("contact reveals before 429, one instance vs two", f"{one} / {two}", one == two > 0),
        (
            "retention runs sent / finished / skipped; expired rows deleted (of n), left",
            f"{retention['runs']} / {retention['finished']} / {retention['skipped']}; "
            f"{retention['deleted']} ({EXPIRED}), {retention['left']}",
            retention["deleted"] == EXPIRED and retention["left"] == 0,
        ),
        (
            "invoices from 4 processes: count, numbers 1..n without gap",
            f"{invoices['invoices']}, {invoices['gap_free']}",
            invoices["gap_free"] and not invoices["errors"],
        ),
    ]
    if newsletter is not None:
        rows.append(
            (
                "newsletter sent by two workers: subscribers / mails / mailed twice",
                f"{newsletter['subscribers']} / {newsletter['mails']} / {newsletter['twice']}",
                newsletter["twice"] == 0
                and newsletter["mails"] == newsletter["subscribers"]
                and newsletter["finished"],
            )
        )
    width = max(len(r[0]) for r in rows)
    print(f"\n{'check'.ljust(width)}  {'figures'.ljust(34)}  result")
    for label, figures, ok in rows:
        verdict = "same as one process" if ok else "DIFFERS"
        print(f"{label.ljust(width)}  {figures.ljust(34)}  {verdict}")
    print(f"\nlogs: {logs}")
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
