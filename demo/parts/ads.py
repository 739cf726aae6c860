"""Demo ads in Swedish across municipalities and occupations, bulk-inserted for scale."""

import datetime as dt

from django.utils import timezone

from jobs.models import Ad, EmploymentType, Extent, SalaryType
from taxonomy.models import Municipality, Occupation

BATCH = 2000
INTROS = [
    "Vi växer och söker nu en {title} till vårt team i {town}.",
    "Vill du arbeta som {title} hos en arbetsgivare som satsar på dig? "
    "Välkommen till oss i {town}!",
    "Nu söker vi en engagerad {title} för ett spännande uppdrag i {town}.",
]
BODIES = [
    "Du kommer att arbeta nära dina kollegor och ha stort eget ansvar. Vi erbjuder "
    "kollektivavtal, friskvårdsbidrag och flexibla arbetstider.",
    "Hos oss får du goda möjligheter att utvecklas. Vi värdesätter samarbete, "
    "noggrannhet och ett gott bemötande.",
    "Tjänsten passar dig som trivs med varierande arbetsuppgifter och tar egna initiativ. "
    "Introduktion och handledning ingår.",
]
REQUIREMENTS = [
    "Vi ser gärna att du har relevant utbildning och några års erfarenhet.",
    "B-körkort är meriterande. Du talar och skriver svenska obehindrat.",
    "Erfarenhet från liknande roll är meriterande men inget krav.",
]
CONTACTS = [
    ("Karin Lind", "070-123 45 67"),
    ("Johan Berg", "073-555 12 34"),
    ("Sara Öberg", "076-222 33 44"),
    ("Ali Hassan", "072-987 65 43"),
]


def _ad(ctx, i, company, municipality, occupation, now):
    rng = ctx.rng
    title = occupation.name
    active = rng.random() < 0.8 or i < 20
    published = now - dt.timedelta(
        days=rng.randint(0, 25) if active else rng.randint(40, 900), minutes=rng.randint(0, 1440)
    )
    ends = published + dt.timedelta(days=30)
    contact_name, contact_phone = rng.choice(CONTACTS)
    salary_range = rng.random() < 0.7
    low = rng.randrange(26000, 52000, 1000)
    return Ad(
        company=company,
        title=title,
        municipality=municipality,
        occupation=occupation,
        description="\n\n".join(
            [
                rng.choice(INTROS).format(title=title.lower(), town=municipality.name),
                rng.choice(BODIES),
                rng.choice(REQUIREMENTS),
            ]
        ),
        employment_type=rng.choice(EmploymentType.values),
        extent=rng.choice(Extent.values),
        salary_type=SalaryType.RANGE if salary_range else SalaryType.BEFORE_INTERVIEW,
        salary_min=low if salary_range else None,
        salary_max=low + rng.randrange(3000, 12000, 1000) if salary_range else None,
        last_application_date=timezone.localdate(ends),
        contact_name=contact_name,
        contact_email=f"{contact_name.split()[0].lower().replace('ö', 'o')}@{company.slug}.se",
        contact_phone=contact_phone,
        status=Ad.Status.PUBLISHED,
        is_featured=rng.random() < 0.08,
        published_at=published,
        ends_at=ends,
        created_at=published,
    )


def seed(ctx):
    missing = ctx.target_ads - Ad.objects.count()
    if missing <= 0:
        return
    companies = ctx.made["companies"]
    municipalities = list(Municipality.objects.all())
    # Big cities get more ads, as they do in life.
    weights = [8 if m.code in {"0180", "1480", "1280", "0380"} else 1 for m in municipalities]
    occupations = list(Occupation.objects.all())
    now = timezone.now()
    batch = []
    for i in range(missing):
        batch.append(
            _ad(
                ctx,
                i,
                ctx.rng.choice(companies),
                ctx.rng.choices(municipalities, weights)[0],
                ctx.rng.choice(occupations),
                now,
            )
        )
        if len(batch) == BATCH:
            Ad.objects.bulk_create(batch)
            batch = []
    Ad.objects.bulk_create(batch)
    ctx.out.write(f"  ads: {missing} added")
