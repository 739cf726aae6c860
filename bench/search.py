"""Search and ad-page speed with 100 000 active and 900 000 closed ads on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jb_jobs_bench \
        .venv/bin/python bench/search.py [--runs 40] [--http-requests 200] [--no-http] [--reseed]

A script, not a test. It creates and migrates the database when needed, seeds the ads with
one INSERT ... SELECT generate_series (the search trigger is switched off while seeding and
the same vector is computed in the INSERT), then, for each class of query, measures:

- the server time of the page through Django's test client (median and 95th percentile);
- the floor: the page's own SQL statements run bare on the same connection;
- an empty Django view through the same client and middleware, timed in turn with the page
  (one request each, alternately), so that the floor of each row is measured at its moments;
- the number of queries per page;
- the ratio: the median over the floor, median / (SQL + empty view).

Search keeps each search's count and its ids in order for a minute (jobs/search.py), and
the process keeps the whole page for visitors without a session (config/page_cache.py), so
the rows "search: ..." and "home page" are a page someone saw within the minute (the common
case for common words); the rows "made: ..." the same with the kept page forgotten before
each request (the results are kept: the first visitor of the page in this process, or the
first with their cookie choice); and the rows "first: ..." the same with everything kept
forgotten before each request (the first of its minute, or the first after an ad was saved).

Aim (issue 16): every class under 20 ms at p95, and each median within 2 x (SQL + empty
view). In-process the cache is Django's local memory; over HTTP it is Redis, as in
production.

Then the same pages over HTTP through gunicorn (2 workers, DEBUG off) with 1 and 4
concurrent clients, each figure beside the empty view's through the same gunicorn, and the
memory of each worker after 1 000 requests: bench/search_http.py (`hey` when installed,
`apt-get install hey`; a small Python client otherwise). Figures taken while other work
runs on the machine are noisy: fine for direction.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

ACTIVE, CLOSED = 100_000, 900_000
COMPANIES = 2_000

COMMON = [
    "Vi söker en erfaren medarbetare till vårt team.",
    "Du har goda kunskaper i svenska och engelska.",
    "Hos oss får du kollektivavtal, friskvårdsbidrag och flexibla arbetstider.",
    "Tjänsten passar dig som trivs med varierande arbetsuppgifter.",
    "Introduktion och handledning ingår.",
    "B-körkort är meriterande.",
    "Du arbetar nära kunder och kollegor i en trivsam miljö.",
    "Vi värdesätter samarbete, noggrannhet och ett gott bemötande.",
    "Erfarenhet av projektledning är ett plus.",
    "Vi arbetar agilt i små team med stort eget ansvar.",
    "Erfaren utvecklare med intresse för molntjänster.",
    "Lagerarbete med truck och plock i skift.",
]
RARE_WORD = "kvantkryptograf"  # in 1 ad of 10 000
NOTHING = "xylofonstämmare"  # in no ad at all

CLASSES = {
    "common word": {"q": "erfarenhet"},
    "rare word": {"q": RARE_WORD},
    "no match": {"q": NOTHING},
    "two-word phrase": {"q": '"erfaren utvecklare"'},
    "filters only": {"county": None, "employment_type": "permanent"},
    "one broad filter": {"employment_type": "permanent"},  # a fifth of the live ads
    "last page": {"page": "500"},
    "common word, newest": {"q": "erfarenhet", "sort": "newest"},
    "common word, last page": {"q": "erfarenhet", "page": "500"},
}


def ensure_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def seed(reseed: bool) -> None:
    from django.core.management import call_command
    from django.db import connection

    from companies.models import Company
    from jobs.models import Ad
    from taxonomy import cache as taxonomy_cache
    from taxonomy.importer import import_default
    from taxonomy.models import Municipality

    call_command("migrate", "--no-input", verbosity=0)
    if not Municipality.objects.exists():
        import_default()
    taxonomy_cache.clear()
    if Ad.objects.count() >= ACTIVE + CLOSED and not reseed:
        print(f"using the {Ad.objects.count()} ads already there")
        return
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE jobs_ad CASCADE")
    if Company.objects.count() < COMPANIES:
        from tests.factories.companies import valid_org_number

        Company.objects.bulk_create(
            [
                Company(
                    name=f"Bench Företag {i} AB",
                    org_number=valid_org_number(900_000 + i),
                    email=f"info{i}@bench.example",
                    phone="08-123 456 00",
                    street="Gatan 1",
                    postal_code="111 51",
                    town="Stockholm",
                    slug=f"bench-{i}",
                )
                for i in range(COMPANIES)
            ],
            ignore_conflicts=True,
        )
    sentences = "(ARRAY[" + ",".join("'" + s.replace("'", "''") + "'" for s in COMMON) + "])"
    n = len(COMMON)
    sql = f"""
    WITH c AS (SELECT array_agg(id ORDER BY id) AS ids FROM companies_company),
         m AS (SELECT array_agg(id ORDER BY id) AS ids FROM jobs_municipality),
         o AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(name ORDER BY id) AS names
               FROM jobs_occupation)
    INSERT INTO jobs_ad (company_id, title, description, municipality_id, occupation_id,
        employment_type, extent, salary_type, salary_min, salary_max, salary_period,
        salary_text, last_application_date, apply_method, apply_url, apply_email,
        contact_name, contact_email, contact_phone, status, is_featured, published_at,
        ends_at, status_reason, created_at, updated_at, search_vector, search_live, form_token)
    SELECT s.company_id, s.title, s.description, s.municipality_id, s.occupation_id,
        s.employment_type, 'full_time', 'range', 30000, 40000, 'month', '',
        (s.ends_at)::date, 'portal', '', '', 'Karin Lind', 'karin@bench.example',
        '070-123 45 67', s.status, false, s.published_at, s.ends_at, '', s.published_at,
        s.published_at,
        setweight(to_tsvector('swedish', s.title), 'A') ||
        setweight(to_tsvector('swedish', s.description), 'C'),
        s.status = 'published' AND s.ends_at > now(), ''
    FROM (
      SELECT i,
        c.ids[1 + (i * 7) % array_length(c.ids, 1)] AS company_id,
        m.ids[1 + (i * 13) % array_length(m.ids, 1)] AS municipality_id,
        o.ids[1 + (i * 17) % array_length(o.ids, 1)] AS occupation_id,
        o.names[1 + (i * 17) % array_length(o.names, 1)] AS title,
        {sentences}[1 + (i * 31) % {n}] || ' ' || {sentences}[1 + (i * 37) % {n}] || ' ' ||
        {sentences}[1 + (i * 41) % {n}] ||
        CASE WHEN i % 10000 = 7 THEN ' {RARE_WORD}' ELSE '' END AS description,
        (ARRAY['permanent','temporary','probationary','seasonal','hourly'])[1 + i % 5]
          AS employment_type,
        CASE WHEN i <= {ACTIVE} THEN 'published'
             WHEN i % 5 = 0 THEN (ARRAY['withdrawn','filled','taken_down'])[1 + i % 3]
             ELSE 'published' END AS status,
        CASE WHEN i <= {ACTIVE} THEN now() - (i % 29) * interval '1 day'
                                           - (i % 1440) * interval '1 minute'
             ELSE now() - interval '40 days' - (i % 1800) * interval '1 day' END
          AS published_at,
        CASE WHEN i <= {ACTIVE} THEN now() + interval '1 day' + (i % 29) * interval '1 day'
             ELSE now() - interval '10 days' - (i % 1800) * interval '1 day' END AS ends_at
      FROM generate_series(1, {ACTIVE + CLOSED}) AS i, c, m, o
    ) AS s
    """
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE jobs_ad DISABLE TRIGGER jobs_ad_search")
        try:
            cursor.execute(sql)
        finally:
            cursor.execute("ALTER TABLE jobs_ad ENABLE TRIGGER jobs_ad_search")
        cursor.execute("VACUUM ANALYZE jobs_ad")
        # Every table's statistics, as autovacuum would keep them: with the companies' left
        # at their empty state the planner chose a join that took 92 ms instead of 4.5.
        cursor.execute("ANALYZE")
    print(f"seeded {ACTIVE + CLOSED} ads in {time.perf_counter() - started:.0f} s")


EMPTY = "/__empty__/"
WARM_UP = 5  # requests of each before timing: first-call costs are no one's page


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def forget_kept_results():
    """As when an ad is saved: every search's kept count and ranking, and every page kept
    whole, are out of date."""
    from config import page_cache

    page_cache.forget()


def forget_kept_pages():
    """As for the first visitor of a page in a process (or of their own cookie choice): the
    search's results are kept, the page is made."""
    from config import page_cache

    page_cache.store.clear()


def time_page(client, url, params, runs, before=lambda: None):
    """The page's times, and the empty view's taken in turn with them (one request each,
    alternately): the floor is measured at the same moments as the page, so that a machine
    whose speed drifts during the run (seen here: 2 to 3 times between hours) moves both."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        before()
        client.get(url, params)
        client.get(EMPTY)
    times, empty = [], []
    for _ in range(runs):
        before()
        started = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        started = time.perf_counter()
        client.get(EMPTY)
        empty.append((time.perf_counter() - started) * 1000)
    before()
    with CaptureQueriesContext(connection) as captured:
        client.get(url, params)
    statements = [q["sql"] for q in captured.captured_queries]
    return times, empty, statements, response


def time_sql(statements, runs):
    """The floor: the page's own statements, bare (no ORM, no template)."""
    from django.db import connection

    totals = []
    with connection.cursor() as cursor:
        for _ in range(runs):
            started = time.perf_counter()
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall() if cursor.description else None
            totals.append((time.perf_counter() - started) * 1000)
    return totals


def search_page(params):
    from django.utils import timezone

    from jobs.forms import criteria_from
    from jobs.search import search

    _form, criteria = criteria_from(params)
    return search(criteria, page=params.get("page", 1), now=timezone.now())


def empty_view(request):
    from django.http import HttpResponse

    return HttpResponse("")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--explain", action="store_true", help="print each page's plans")
    parser.add_argument("--seed-only", action="store_true", help="seed, then stop (bench/load)")
    parser.add_argument(
        "--http-requests", type=int, default=200, help="requests a row of the HTTP table"
    )
    parser.add_argument("--no-http", action="store_true", help="the in-process table only")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a scratch PostgreSQL database (e.g. .../jb_jobs_bench).")
    ensure_database(url)

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import clear_url_caches, path
    from django.utils import timezone

    import config.urls
    from jobs.models import Ad
    from taxonomy.models import County

    settings.DEBUG = False
    # No setup_test_environment(): it instruments every template render to copy its
    # context for the test client, which is test overhead, not server time.
    settings.ALLOWED_HOSTS = ["testserver"]
    seed(args.reseed)
    if args.seed_only:
        return
    module = sys.modules[__name__]
    module.urlpatterns = [path("__empty__/", empty_view), *config.urls.urlpatterns]
    settings.ROOT_URLCONF = module
    clear_url_caches()

    client = Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0")
    county = County.objects.filter(municipalities__ads__isnull=False).first().slug
    header = (
        f"{'class':<32}{'hits':>8}{'queries':>8}{'median':>9}{'p95':>9}{'SQL':>9}{'empty':>8}"
        f"{'limit':>9}{'ratio':>7}  ok"
    )
    print("\nempty: the empty Django view, timed in turn with the row's page")
    print(header)
    print("-" * len(header))
    failures = 0
    pages = {}

    def report(label, page_url, params, hits="", before=lambda: None):
        nonlocal failures
        times, empty, statements, response = time_page(client, page_url, params, args.runs, before)
        sql = statistics.median(time_sql(statements, args.runs))
        median, p95 = statistics.median(times), percentile(times, 0.95)
        empty_median = statistics.median(empty)
        limit = 2 * (sql + empty_median)
        ok = p95 < 20 and median <= limit
        failures += not ok
        if not label.startswith(("first:", "made:")):  # over HTTP nothing kept can be forgotten
            pages[label] = f"{page_url}?{urlencode(params)}" if params else page_url
        print(
            f"{label:<32}{hits!s:>8}{len(statements):>8}{median:>8.1f}m{p95:>8.1f}m"
            f"{sql:>8.1f}m{empty_median:>7.2f}m{limit:>8.1f}m"
            f"{median / (sql + empty_median):>6.1f}x  {'yes' if ok else 'NO'}"
        )
        if args.explain:
            explain(statements)
        return response

    for label, params in CLASSES.items():
        params = {k: (county if v is None else v) for k, v in params.items()}
        results = search_page(params)
        hits = f"{results.count}{'+' if results.capped else ''}"
        report(f"search: {label}", "/jobb/", params, hits)
    # The same searches with their results kept but the page made (the page kept whole
    # forgotten before each request): the first visitor of the page in this process.
    for label, params in CLASSES.items():
        params = {k: (county if v is None else v) for k, v in params.items()}
        report(f"made: {label}", "/jobb/", params, before=forget_kept_pages)
    # The same searches as the first of their minute (the kept results forgotten before each
    # request, as a saved ad does): what a search costs when no one made it just before.
    for label, params in CLASSES.items():
        params = {k: (county if v is None else v) for k, v in params.items()}
        report(f"first: {label}", "/jobb/", params, before=forget_kept_results)

    active_ids = list(
        Ad.objects.public(timezone.now()).order_by("?").values_list("pk", flat=True)[:5]
    )
    closed_id = Ad.objects.inactive().order_by("pk").values_list("pk", flat=True).first()
    report("ad page (active)", f"/jobb/{active_ids[0]}/", {})
    report("made: ad page (active)", f"/jobb/{active_ids[0]}/", {}, before=forget_kept_pages)
    report("ad page (closed)", f"/jobb/{closed_id}/", {})
    report("made: ad page (closed)", f"/jobb/{closed_id}/", {}, before=forget_kept_pages)
    report("home page", "/", {})
    report("made: home page", "/", {}, before=forget_kept_pages)
    report("first: home page", "/", {}, before=forget_kept_results)
    print(f"\n{'all classes within the aims' if not failures else f'{failures} class(es) missed'}")
    if not args.no_http:
        from django.db import connections

        connections.close_all()
        sys.path.insert(0, str(BASE / "bench"))
        import search_http

        search_http.run(url, pages, args.http_requests)


def explain(statements):
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in statements:
            if sql.lstrip().upper().startswith("SELECT"):
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF) " + sql)
                print("\n".join("    " + row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
