"""bench/search.py over HTTP: the same pages through gunicorn, each beside its floor.

The site is served as production serves it behind nginx (config/nginx.conf ends TLS and
says so with X-Forwarded-Proto): `gunicorn -c config/gunicorn.py`, 2 sync workers, DEBUG
off, Redis for cache and sessions (DB 14), persistent database connections
(CONN_MAX_AGE=60 as .env.example), static files collected once into a scratch folder.
The floor is an empty view behind the same middleware in the same gunicorn
(bench/search_server.py adds it; the product's URLs never carry it).

Each page is asked for by 1 and then 4 concurrent clients that keep asking (closed loop):
median, p95 and p99 of the time to the last byte, and requests per second, each printed
beside the same figure for the empty view at the same concurrency, measured just before
the row (the load of a shared machine changes during a run).

The client is `hey` (Debian: `apt-get install hey`) when it is on the PATH, otherwise a
small Python client (a thread per client, http.client connections kept open as long as
gunicorn keeps them). The figures of both are close for pages of a few milliseconds; the
Python client's own time (~0.1 ms a request) is in its figures.

Memory: a fresh gunicorn is asked for 1 000 pages of the mixed kinds by 4 clients, then
each worker's peak (VmHWM) and current (VmRSS) resident size is read from /proc.
"""

import csv
import io
import itertools
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
VENV = BASE / ".venv" / "bin"
PORT = 8141
HOST = "127.0.0.1"
HEADERS = {
    # Behind nginx over TLS, as in production: Secure cookies, no redirect to https.
    "X-Forwarded-Proto": "https",
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0",
    "Accept-Language": "sv-SE,sv;q=0.9",
}
EMPTY = "/__empty__/"
CONCURRENCY = (1, 4)
MEMORY_REQUESTS = 1_000


@dataclass
class Figures:
    median: float  # ms
    p95: float
    p99: float
    rps: float


def environment(database_url: str, work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": "redis://127.0.0.1:6379/14",
        "CACHE_KEY_PREFIX": "bench-search",
        "DEBUG": "false",
        "SECRET_KEY": "bench-search-" + "x" * 50,
        "EMAIL_URL": "smtp://127.0.0.1:2525",  # never used by these pages; DEBUG off needs one
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(work / "static"),
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        "PORT": str(PORT),
    }


def collect_static(env: dict[str, str]) -> None:
    command = [str(VENV / "python"), "manage.py", "collectstatic", "--no-input", "-v", "0"]
    subprocess.run(command, cwd=BASE, env=env, check=True)


def serve(env: dict[str, str], log: Path) -> subprocess.Popen:
    command = [str(VENV / "gunicorn"), "bench.search_server:application"]
    command += ["-c", "config/gunicorn.py", "--workers", "2", "--bind", f"{HOST}:{PORT}"]
    with log.open("ab") as out:
        process = subprocess.Popen(command, cwd=BASE, env=env, stdout=out, stderr=out)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn stopped: see {log}")
        try:
            request = urllib.request.Request(f"http://{HOST}:{PORT}{EMPTY}", headers=HEADERS)
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                response.read()
            return process
        except OSError:
            time.sleep(0.5)
    stop(process)
    sys.exit(f"gunicorn did not become ready: see {log}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# --- The clients.


def run_hey(path: str, clients: int, requests: int) -> Figures:
    """hey's own timing of each request (its CSV), summed up here as for the Python client."""
    command = ["hey", "-n", str(requests), "-c", str(clients), "-o", "csv"]
    for name, value in HEADERS.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run(
        [*command, f"http://{HOST}:{PORT}{path}"], capture_output=True, text=True, check=True
    ).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    codes = {row["status-code"] for row in rows}
    if codes != {"200"} or len(rows) != requests:
        sys.exit(f"{path}: {len(rows)} answers of {requests}, status {codes}")
    times = [float(row["response-time"]) * 1000 for row in rows]
    total = max(float(row["offset"]) + float(row["response-time"]) for row in rows)
    return Figures(
        statistics.median(times),
        percentile(times, 0.95),
        percentile(times, 0.99),
        len(times) / total,
    )


def _ask(connection: HTTPConnection, path: str) -> float:
    started = time.perf_counter()
    connection.request("GET", path, headers=HEADERS)
    response = connection.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status}")
    return elapsed


def run_python(paths: list[str], clients: int, requests: int) -> Figures:
    """`requests` GETs, round-robin over `paths`, by `clients` threads that keep asking."""
    times: list[float] = []
    failures: list[BaseException] = []
    queue = itertools.islice(itertools.cycle(paths), requests)
    lock = threading.Lock()

    def client() -> None:
        connection = HTTPConnection(HOST, PORT, timeout=60)
        try:
            while True:
                with lock:
                    path = next(queue, None)
                if path is None:
                    return
                elapsed = _ask(connection, path)
                with lock:
                    times.append(elapsed)
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    total = time.perf_counter() - started
    return Figures(
        statistics.median(times),
        percentile(times, 0.95),
        percentile(times, 0.99),
        len(times) / total,
    )


def measure(path: str, clients: int, requests: int) -> Figures:
    run_python([path], clients, min(requests, 3 * clients))  # warm: connections, caches
    if shutil.which("hey"):
        return run_hey(path, clients, requests)
    return run_python([path], clients, requests)


# --- Memory.


def workers_of(master: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master}$", status, re.M):
            children.append(int(entry.name))
    return sorted(children)


def memory_of(pid: int) -> tuple[int, int]:
    """(VmHWM, VmRSS) in MiB."""
    status = Path(f"/proc/{pid}/status").read_text()
    peak = int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)[1])
    now = int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)[1])
    return round(peak / 1024), round(now / 1024)


# --- The report.


def _cell(value: float, floor: float, digits: int = 1) -> str:
    return f"{value:.{digits}f} ({floor:.{digits}f})"


def table(pages: dict[str, str], requests: int) -> None:
    print(
        f"\nover HTTP: gunicorn, 2 workers, DEBUG off; {requests} requests a row; "
        f"client: {'hey' if shutil.which('hey') else 'Python (apt-get install hey for hey)'}"
    )
    print("each cell: the page (the empty view through the same gunicorn, same clients)")
    header = (
        f"{'page':<34}{'clients':>8}{'median ms':>18}{'p95 ms':>18}{'p99 ms':>18}"
        f"{'requests/s':>20}{'x floor':>9}"
    )
    print(header)
    print("-" * len(header))
    for label, path in pages.items():
        for clients in CONCURRENCY:
            # The floor of each row just before it: the machine's load changes over a run.
            floor, page = measure(EMPTY, clients, requests), measure(path, clients, requests)
            print(
                f"{label:<34}{clients:>8}{_cell(page.median, floor.median):>18}"
                f"{_cell(page.p95, floor.p95):>18}{_cell(page.p99, floor.p99):>18}"
                f"{_cell(page.rps, floor.rps, 0):>20}{page.median / floor.median:>8.1f}x"
            )


def memory(env: dict[str, str], pages: dict[str, str], log: Path) -> None:
    process = serve(env, log)
    try:
        run_python(list(pages.values()), 4, MEMORY_REQUESTS)
        print(f"\nmemory of each gunicorn worker after {MEMORY_REQUESTS} requests (mixed pages):")
        for pid in workers_of(process.pid):
            peak, now = memory_of(pid)
            print(f"  worker {pid}: peak (VmHWM) {peak} MiB, now (VmRSS) {now} MiB")
    finally:
        stop(process)


def run(database_url: str, pages: dict[str, str], requests: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-search-") as folder:
        work = Path(folder)
        env = environment(database_url, work)
        collect_static(env)
        log = work / "gunicorn.log"
        process = serve(env, log)
        try:
            table(pages, requests)
        finally:
            stop(process)
        memory(env, pages, log)
