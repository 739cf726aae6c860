"""Demo ads in Swedish, bulk-inserted for scale: each company hires in its own trade, mostly
in its own town, with the duties, requirements and salary level of the occupation
(demo/parts/texts.py)."""

import datetime as dt

from django.utils import timezone

from jobs.models import Ad, EmploymentType, Extent, SalaryType
from taxonomy.models import Municipality, Occupation

from . import texts

BATCH = 2000
INTROS = [
    "{company} söker en {title} till {town}.",
    "Vill du arbeta som {title} hos {company}? Välkommen till oss i {town}!",
    "Nu växer {company} och behöver en {title} i {town}.",
    "{company} i {town} söker dig som vill arbeta som {title}.",
]
CONTACTS = [
    ("Karin Lind", "070-123 45 67"),
    ("Johan Berg", "073-555 12 34"),
    ("Sara Öberg", "076-222 33 44"),
    ("Ali Hassan", "072-987 65 43"),
    ("Emma Nilsson", "070-444 21 09"),
    ("Mikael Johansson", "073-210 98 76"),
]
DEFAULT_OCCUPATION = (
    (30000, 40000),
    ["Du blir en viktig del av vårt team och får stort eget ansvar."],
    ["Erfarenhet från liknande arbete är meriterande."],
)


def _plain(text: str) -> str:
    return text.replace("å", "a").replace("ä", "a").replace("ö", "o").replace("é", "e")


def _description(rng, *, company, occupation, town, title):
    _salary, duties, requirements = texts.OCCUPATIONS.get(occupation.group.code, DEFAULT_OCCUPATION)
    description = texts.SECTORS.get(company.name, ((), company.description))[1]
    paragraphs = [
        rng.choice(INTROS).format(company=company.name, title=title.lower(), town=town),
        description,
        "Om tjänsten: " + " ".join(rng.sample(duties, k=min(len(duties), rng.randint(1, 2)))),
        "Kvalifikationer: " + " ".join(requirements),
        rng.choice(texts.OFFERS) + " " + rng.choice(texts.CLOSINGS),
    ]
    return "\n\n".join(p for p in paragraphs if p.strip())


def _salary(rng, occupation):
    (low, high), _duties, _requirements = texts.OCCUPATIONS.get(
        occupation.group.code, DEFAULT_OCCUPATION
    )
    start = rng.randrange(low, max(low + 1, high - 2000), 500)
    return start, min(high + 4000, start + rng.randrange(2000, 9000, 500))


def _ad(ctx, i, company, municipality, occupation, now):
    rng = ctx.rng
    title = occupation.name
    active = rng.random() < 0.8 or i < 20
    published = now - dt.timedelta(
        days=rng.randint(0, 25) if active else rng.randint(40, 900), minutes=rng.randint(0, 1440)
    )
    ends = published + dt.timedelta(days=30)
    contact_name, contact_phone = rng.choice(CONTACTS)
    salary_range = rng.random() < 0.75
    low, high = _salary(rng, occupation)
    return Ad(
        company=company,
        title=title,
        municipality=municipality,
        occupation=occupation,
        description=_description(
            rng, company=company, occupation=occupation, town=municipality.name, title=title
        ),
        employment_type=rng.choice(EmploymentType.values),
        extent=rng.choices(Extent.values, [4, 1])[0],
        salary_type=SalaryType.RANGE if salary_range else SalaryType.BEFORE_INTERVIEW,
        salary_min=low if salary_range else None,
        salary_max=high if salary_range else None,
        last_application_date=timezone.localdate(ends),
        contact_name=contact_name,
        contact_email=f"{_plain(contact_name.split()[0].lower())}@{company.slug}.se",
        contact_phone=contact_phone,
        status=Ad.Status.PUBLISHED,
        is_featured=rng.random() < 0.08,
        published_at=published,
        ends_at=ends,
        created_at=published,
    )


def _hiring(companies: list, occupations: list) -> dict[int, list]:
    """Company -> the occupations of its trade (any occupation when none is in the taxonomy)."""
    by_code: dict[str, list] = {}
    for occupation in occupations:
        by_code.setdefault(occupation.group.code, []).append(occupation)
    hiring = {}
    for company in companies:
        codes = texts.SECTORS.get(company.name, ((), ""))[0]
        own = [o for code in codes for o in by_code.get(code, []) if o.name not in texts.AVOID]
        hiring[company.pk] = own or occupations
    return hiring


def seed(ctx):
    missing = ctx.target_ads - Ad.objects.count()
    if missing <= 0:
        return
    companies = ctx.made["companies"]
    municipalities = list(Municipality.objects.all())
    # Big cities get more ads, as they do in life.
    weights = [8 if m.code in {"0180", "1480", "1280", "0380"} else 1 for m in municipalities]
    occupations = list(Occupation.objects.select_related("group"))
    hiring = _hiring(companies, occupations)
    home = {m.name: m for m in municipalities}
    now = timezone.now()
    batch = []
    for i in range(missing):
        company = ctx.rng.choice(companies)
        # Most ads are in the company's own town; the rest where the big cities are.
        place = home.get(company.town) if ctx.rng.random() < 0.7 else None
        batch.append(
            _ad(
                ctx,
                i,
                company,
                place or ctx.rng.choices(municipalities, weights)[0],
                ctx.rng.choice(hiring[company.pk]),
                now,
            )
        )
        if len(batch) == BATCH:
            Ad.objects.bulk_create(batch)
            batch = []
    Ad.objects.bulk_create(batch)
    ctx.out.write(f"  ads: {missing} added")
