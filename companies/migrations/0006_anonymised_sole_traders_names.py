"""Sole traders anonymised before their name was: the neutral name and slug now.

Until this change the anonymisation of a company (rule contacts.partner, an erasure) left
its name, which for a sole trader is the person's own, and the slug made of it. Their
organisation number is gone by now, so the only trace of what they were is the buyer's
number their invoices keep for the bookkeeping: a personal identity number (month digits
01-12) there marks a sole trader. Anonymised companies without an invoice cannot be told
apart and keep their name (staff can rename them in admin).

Runs after jobs 0019, so that on PostgreSQL their ads' search vectors follow the new name.
"""

from django.db import migrations
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat

# As companies.models.core and companies.orgnr when this was written.
ANONYMISED_SOLE_TRADER_NAME = "Enskild firma"
ANONYMISED_SLUG_PREFIX = "enskild-firma-"
PERSONAL_IDENTITY_NUMBER_REGEX = r"^[0-9]{2}(0[1-9]|1[0-2])"


def forwards(apps, schema_editor):
    Company = apps.get_model("companies", "Company")
    Invoice = apps.get_model("companies", "Invoice")
    bought_as_a_person = Invoice.objects.filter(
        order__company=OuterRef("pk"), buyer_org_number__regex=PERSONAL_IDENTITY_NUMBER_REGEX
    )
    Company.objects.filter(org_number__isnull=True).filter(Exists(bought_as_a_person)).exclude(
        name=ANONYMISED_SOLE_TRADER_NAME
    ).update(
        name=ANONYMISED_SOLE_TRADER_NAME,
        slug=Concat(Value(ANONYMISED_SLUG_PREFIX), Cast("id", output_field=CharField())),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0005_company_page_and_logo"),
        ("jobs", "0019_search_vector_follows_company_name_postgres"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
