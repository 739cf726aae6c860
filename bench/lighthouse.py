"""Lighthouse scores of every public page, as a phone sees them.

    .venv/bin/python bench/lighthouse.py [--only "home,your rights"]

Lighthouse (npm `lighthouse`, pinned in bench/lighthouse/package-lock.json and installed
there with `npm ci` on the first run; nothing is fetched by the pages) drives Debian's
/usr/bin/chromium with its default mobile preset (a mid-range phone, throttled network and
CPU). The site is served as production serves it: gunicorn over HTTPS with a throw-away
certificate, DEBUG off, a scratch SQLite database with the demo data (bench/observatory.py's
set-up). Prints the four scores per page; the aim is 100 for accessibility, best practices
and SEO and at least 95 for performance (a closed ad's noindex aside). Exits 1 below it.
"""

import argparse
import json
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE / "bench"))
from observatory import (  # noqa: E402 (a sibling script)
    HOST,
    environment,
    free_port,
    make_certificate,
    prepare,
    serve,
    wait_until_up,
)

TOOL = BASE / "bench" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
AIM = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# robots.txt keeps crawlers out of the account pages on purpose (like a closed ad's noindex):
# Lighthouse's "is-crawlable" costs them SEO points, which is what we want.
NOT_FOR_CRAWLERS = {"sign in", "create account"}

AD_AND_COMPANY = """
from django.utils import timezone
from jobs.models import Ad
from companies.models import Company
ad = Ad.objects.public(timezone.now()).order_by("pk").first()
company = Company.objects.filter(show_page=True).exclude(slug="").order_by("pk").first()
print(ad.get_absolute_url(), company.get_absolute_url() if company else "")
"""


def public_pages(env) -> dict[str, str]:
    out = (
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", AD_AND_COMPANY],
            cwd=BASE,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
        .split()
    )
    pages = {
        "home": "/",
        "search": "/jobb/?q=utvecklare",
        "search, filters": "/jobb/?employment_type=permanent",
        "ad": out[0],
        "for employers": "/priser/",
        "privacy notice": "/integritet/",
        "cookies": "/kakor/",
        "sign in": "/konto/logga-in/",
        "create account": "/konto/registrera/",
        "contact": "/kontakt/",
        "your rights": "/dina-rattigheter/",
        "newsletter": "/nyhetsbrev/",
        "home, English": "/en/",
    }
    if len(out) > 1:
        pages["company page"] = out[1]
    return pages


def lighthouse(url: str, folder: Path) -> tuple[dict[str, int], list[str]]:
    """The four scores, and for each below its aim the audits that cost points. A run that
    Chromium could not start (NO_NAVSTART on a busy machine) is tried once more."""
    scores, details = _lighthouse(url, folder)
    if details and details[0].startswith("lighthouse could not"):
        scores, details = _lighthouse(url, folder)
    return scores, details


def _lighthouse(url: str, folder: Path) -> tuple[dict[str, int], list[str]]:
    report = folder / "report.json"
    run = subprocess.run(
        [
            str(TOOL / "node_modules" / ".bin" / "lighthouse"), url,
            "--quiet", "--output=json", f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-path=/usr/bin/chromium",
            "--chrome-flags=--headless=new --no-sandbox --ignore-certificate-errors",
        ],
        check=False, capture_output=True,
    )  # fmt: skip
    if not report.exists():
        return dict.fromkeys(CATEGORIES, 0), [f"lighthouse failed: {run.stderr.decode()[-600:]}"]
    data = json.loads(report.read_text())
    report.unlink()
    details = []
    if data.get("runtimeError"):
        details.append(f"lighthouse could not measure: {data['runtimeError'].get('code')}")
    scores = {c: round((data["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    for category in CATEGORIES:
        if scores[category] < AIM[category]:
            refs = data["categories"][category]["auditRefs"]
            failed = [
                r["id"]
                for r in refs
                if r.get("weight") and (data["audits"][r["id"]].get("score") or 0) < 1
            ]
            details.append(f"{category}: {', '.join(failed[:6])}")
            for audit in failed[:3]:
                items = (data["audits"][audit].get("details") or {}).get("items") or []
                nodes = [i.get("node", {}).get("selector", "") for i in items[:3]]
                if any(nodes):
                    details.append(f"    {audit}: {'; '.join(n for n in nodes if n)}")
    return scores, details


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", default="", help="comma-separated page labels (default: all)")
    only = {label.strip() for label in parser.parse_args().only.split(",") if label.strip()}
    if not (TOOL / "node_modules").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=TOOL, check=True)
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as name:
        folder = Path(name)
        cert, key = make_certificate(folder)
        port = free_port()
        env = environment(folder, port, pixel=False)
        prepare(env, email="lighthouse@example.se", password=secrets.token_urlsafe(16))
        server = serve(env, port, cert, key)
        try:
            wait_until_up(port)
            pages = public_pages(env)
            if only:
                pages = {label: path for label, path in pages.items() if label in only}
            print(f"{'page':<18}" + "".join(f"{c:>16}" for c in CATEGORIES))
            short = []
            for label, path in pages.items():
                scores, details = lighthouse(f"https://{HOST}:{port}{path}", folder)
                print(f"{label:<18}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES), flush=True)
                for line in details:
                    print(f"  {line}")
                short += [
                    (label, c, scores[c])
                    for c in CATEGORIES
                    if scores[c] < AIM[c] and not (c == "seo" and label in NOT_FOR_CRAWLERS)
                ]
        finally:
            server.terminate()
            server.wait(timeout=30)
    for label, category, score in short:
        print(f"below the aim: {label}, {category} {score} (aim {AIM[category]})")
    return 1 if short else 0


if __name__ == "__main__":
    sys.exit(main())
