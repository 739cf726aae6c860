"""How long the access report of a busy person takes, and how much memory it needs.

    .venv/bin/python bench/rights_access_report.py [--applications 1000] [--documents 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jb_rights_bench \
        .venv/bin/python bench/rights_access_report.py

Without DATABASE_URL a scratch SQLite file in a temporary folder is used; the uploaded files
go to a temporary PRIVATE_MEDIA_ROOT either way (a scratch PostgreSQL database is migrated
and gets one more person per run). One job seeker gets --applications applications (one
per ad, with a 20 kB CV each) and --documents library documents of --size kB of random
bytes (incompressible, like PDFs), beside another seeker with the same, who must not appear.
Then the report is built exactly as the Celery task builds it (rights.services.reports
.write_report_zip: data.json, README.txt, report.pdf via WeasyPrint and every file under its
original name) into a temporary file. Prints the time of each part, the ZIP's size and
entries, and the process's peak RSS (ru_maxrss) before and after the build.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
SCRATCH = tempfile.mkdtemp(prefix="rights-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SCRATCH}/bench.sqlite3")
os.environ["PRIVATE_MEDIA_ROOT"] = f"{SCRATCH}/private"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_person(email: str, *, applications: int, documents: int, size_kb: int):
    import secrets

    from django.core.files.base import ContentFile
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import Document
    from jobs.models import Ad, Application, ApplicationDocument
    from tests.factories import AdFactory, UserFactory

    user = UserFactory(email=email)
    template = AdFactory()
    ads = []
    for _number in range(applications):
        ad = Ad.objects.get(pk=template.pk)
        ad.pk = None
        ads.append(ad)
    with transaction.atomic():
        made = Ad.objects.bulk_create(ads)
        for ad in made:
            application = Application.objects.create(
                ad=ad, seeker=user, message="Jag vill gärna jobba hos er. " * 20
            )
            cv = ApplicationDocument(
                application=application,
                title="CV",
                original_name=f"CV {ad.pk}.pdf",
                content_type="application/pdf",
                size=20_000,
            )
            cv.file.save("cv.pdf", ContentFile(secrets.token_bytes(20_000)), save=True)
        for number in range(documents):
            document = Document(
                owner=user,
                title=f"Dokument {number}",
                original_name=f"Dokument {number}.pdf",
                content_type="application/pdf",
                size=size_kb * 1024,
                uploaded_at=timezone.now(),
            )
            document.file.save("d.pdf", ContentFile(secrets.token_bytes(size_kb * 1024)))
    return user


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--size", type=int, default=200, help="kB per library document")
    args = parser.parse_args()

    import django

    django.setup()
    import zipfile

    from django.core.management import call_command
    from django.utils import timezone

    from rights.services import reports
    from taxonomy.importer import builtin_texts, import_taxonomy

    call_command("migrate", "--no-input", verbosity=0)
    import_taxonomy(builtin_texts())
    tag = os.urandom(3).hex()
    started = time.perf_counter()
    person = make_person(
        f"bench-{tag}@example.se",
        applications=args.applications,
        documents=args.documents,
        size_kb=args.size,
    )
    make_person(f"other-{tag}@example.se", applications=50, documents=10, size_kb=args.size)
    print(f"setup: {time.perf_counter() - started:.1f} s, peak RSS {peak_mb():.0f} MB")

    marks: list[tuple[str, float]] = []
    began = time.perf_counter()
    with tempfile.TemporaryFile(dir=SCRATCH) as spool:
        reports.write_report_zip(
            user=person,
            email=person.email,
            language="sv",
            now=timezone.now(),
            fileobj=spool,
            progress=lambda percent: marks.append((f"{percent}%", time.perf_counter() - began)),
        )
        total = time.perf_counter() - began
        spool.seek(0, 2)
        size = spool.tell()
        spool.seek(0)
        names = zipfile.ZipFile(spool).namelist()
    files = [n for n in names if n.startswith("files/")]
    first = {label: at for label, at in reversed(marks)}
    print(
        f"data.json (collect) {first['20%']:.1f} s, "
        f"report.pdf (WeasyPrint) {first['60%'] - first['30%']:.1f} s, "
        f"files {total - first['60%']:.1f} s"
    )
    print(
        f"report: {total:.1f} s, ZIP {size / 1e6:.1f} MB, {len(names)} entries ({len(files)} files)"
    )
    print(f"peak RSS after the build: {peak_mb():.0f} MB")
    expected = args.applications + args.documents
    assert len(files) == expected, (len(files), expected)


if __name__ == "__main__":
    main()
