"""Demo companies with valid organisation numbers, their contact persons, and a few ads
ordered through the real services: paid, unpaid and overdue invoices.

Invoice PDFs are not made here: they are rendered the first time someone downloads them.
"""

import datetime as dt

from django.utils import timezone
from django.utils.text import slugify

from companies.models import Agreement, AgreementNote, Company, Membership, Order, Product
from companies.orgnr import luhn_ok
from companies.services import billing, orders
from jobs.models import EmploymentType, Extent
from jobs.services import ads as ad_services
from taxonomy.models import Municipality, Occupation

from . import texts

COMPANIES = [
    ("Nordkod AB", "Stockholm", "Sveavägen 44", "111 34"),
    ("Västkustens Bygg AB", "Göteborg", "Lilla Bommen 2", "411 04"),
    ("Skånska Vårdgruppen AB", "Malmö", "Stortorget 9", "211 22"),
    ("Norrlandsfrakt AB", "Umeå", "Rådhusesplanaden 17", "903 28"),
    ("Mälardalens Redovisning AB", "Västerås", "Stora Torget 3", "722 15"),
    ("Uppsala Skolutveckling AB", "Uppsala", "Dragarbrunnsgatan 36", "753 20"),
    ("Östgöta Handel AB", "Linköping", "Storgatan 30", "582 23"),
    ("Dalarnas Omsorg AB", "Falun", "Åsgatan 25", "791 71"),
    ("Göta Mjukvara AB", "Jönköping", "Västra Storgatan 10", "553 15"),
    ("Luleå Teknik & Data AB", "Luleå", "Storgatan 51", "972 31"),
    ("Gävle Lager & Logistik AB", "Gävle", "Nygatan 16", "803 20"),
    ("Smålandsbageriet AB", "Växjö", "Kungsgatan 8", "352 33"),
]
# The products are the ones companies' migration 0003 puts on sale (no second list here).
# (company index, product code, days ago ordered, paid?, title, SSYK group of the title)
ORDERS = [
    (0, "framhavd-30", 3, False, "Backend-utvecklare", "2512"),
    (0, "annons-30", 12, True, "Testledare", "2514"),
    (0, "annons-30", 45, False, "Systemutvecklare", "2512"),
    (1, "annons-30", 5, False, "Installationselektriker", "7411"),
    (2, "framhavd-30", 20, True, "Sjuksköterska till vårdcentralen", "2221"),
    (3, "annons-30", 60, False, "Lastbilsförare, distribution", "8332"),
]


def org_number(n: int) -> str:
    """A valid limited-company number (third digit 6: not a personal identity number)."""
    body = f"5566{n:05d}"
    check = next(d for d in range(10) if luhn_ok(f"{body}{d}"))
    return f"{body[:6]}-{body[6:]}{check}"


def seed(ctx):
    companies = []
    for i, (name, town, street, postal_code) in enumerate(COMPANIES, start=1):
        company, _ = Company.objects.get_or_create(
            org_number=org_number(i),
            defaults={
                "name": name,
                "email": f"info@{slugify(name)}.se",
                "phone": "08-123 456 00",
                "street": street,
                "postal_code": postal_code,
                "town": town,
                "slug": slugify(name),
                "description": texts.SECTORS[name][1],
            },
        )
        companies.append(company)
    Membership.objects.get_or_create(
        company=companies[0], user=ctx.made["employer"], defaults={"role": Membership.Role.OWNER}
    )
    ctx.made["companies"] = companies
    if not Order.objects.exists():
        _orders(ctx, companies)
        _agreement(ctx, companies[1])


def _orders(ctx, companies):
    municipality = Municipality.objects.order_by("code").first()
    occupations = list(Occupation.objects.select_related("group").order_by("pk"))
    if municipality is None or not occupations:
        return
    employer, staff = ctx.made["employer"], ctx.made.get("staff")
    now = timezone.now()
    # Oldest first: invoice numbers run in the order of their dates, as the books need.
    for index, code, days_ago, paid, title, group in sorted(ORDERS, key=lambda o: -o[2]):
        when = now - dt.timedelta(days=days_ago)
        occupation = next((o for o in occupations if o.group.code == group), occupations[0])
        town = Municipality.objects.filter(name=companies[index].town).first() or municipality
        ad = ad_services.write_ad(
            company=companies[index],
            by=employer,
            now=when,
            fields={
                "title": title,
                "municipality": town,
                "occupation": occupation,
                "description": (
                    f"{companies[index].name} söker en {title.lower()}.\n\n"
                    f"{companies[index].description}\n\n" + " ".join(texts.OCCUPATIONS[group][1])
                ),
                "employment_type": EmploymentType.PERMANENT,
                "extent": Extent.FULL_TIME,
                "salary_min": texts.OCCUPATIONS[group][0][0],
                "salary_max": texts.OCCUPATIONS[group][0][1],
                "last_application_date": timezone.localdate(when) + dt.timedelta(days=28),
                "contact_name": "Karin Lind",
                "contact_email": f"karin.lind@{companies[index].slug}.se",
                "contact_phone": "070-123 45 67",
            },
        )
        order = orders.order_ad(
            ad=ad, product=Product.objects.get(code=code), by=employer, now=when, send_invoice=False
        )
        if paid:
            billing.register_payment(
                invoice=order.invoice,
                amount_ore=order.invoice.total_ore,
                paid_on=timezone.localdate(when) + dt.timedelta(days=9),
                reference="Demo",
                by=staff,
                now=when,
            )
    ctx.out.write(f"  orders: {len(ORDERS)} with invoices (PDFs made on first download)")


def _agreement(ctx, company):
    today = timezone.localdate()
    agreement = Agreement.objects.create(
        company=company,
        ads_per_month=5,
        price_ore=400000,
        starts_on=today.replace(day=1),
        contact_name="Per Holm",
        contact_email="per.holm@vastkustensbygg.se",
        created_by=ctx.made.get("staff"),
    )
    AgreementNote.objects.create(
        agreement=agreement,
        author=ctx.made.get("staff"),
        text="Per vill ha fem annonser i månaden under våren.",
    )
