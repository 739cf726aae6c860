"""The fixed-price ad products on sale from the start (staff change them in admin)."""

from django.db import migrations

PRODUCTS = [
    {"code": "annons-30", "name": "Annons 30 dagar", "name_en": "Ad, 30 days",
     "description": "Din annons syns i 30 dagar i sök, flöden och på startsidan.",
     "description_en": "Your ad is shown for 30 days in search, feeds and on the home page.",
     "days": 30, "price_ore": 99500, "is_featured": False, "position": 1},
    {"code": "framhavd-30", "name": "Framhävd annons 30 dagar",
     "name_en": "Featured ad, 30 days",
     "description": "Som Annons 30 dagar, men framhävd i listor och sökresultat.",
     "description_en": "Like the 30-day ad, but highlighted in lists and search results.",
     "days": 30, "price_ore": 179500, "is_featured": True, "position": 2},
]


def add_products(apps, schema_editor):
    Product = apps.get_model("companies", "Product")
    for row in PRODUCTS:
        Product.objects.update_or_create(code=row["code"], defaults=row)


def remove_products(apps, schema_editor):
    Product = apps.get_model("companies", "Product")
    Product.objects.filter(code__in=[row["code"] for row in PRODUCTS], orders=None).delete()


class Migration(migrations.Migration):
    dependencies = [("companies", "0002_billing_agreements_invitations_history")]

    operations = [migrations.RunPython(add_products, remove_products)]
