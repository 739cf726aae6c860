"""Demo companies with valid organisation numbers and their contact persons."""

from django.utils.text import slugify

from companies.models import Company, Membership
from companies.orgnr import luhn_ok

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
            defaults={"name": name, "email": f"info@{slugify(name)}.se", "phone": "08-123 456 00",
                      "street": street, "postal_code": postal_code, "town": town,
                      "slug": slugify(name),
                      "description": f"{name} är en arbetsgivare i {town}."},
        )
        companies.append(company)
    Membership.objects.get_or_create(company=companies[0], user=ctx.made["employer"],
                                     defaults={"role": Membership.Role.OWNER})
    ctx.made["companies"] = companies
