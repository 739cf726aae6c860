"""The statistics group's one cookie: `visitor`, a random visitor number (privacy/cookies.py
holds its purpose and lifetime, translated)."""

from django.db import migrations


def create(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    Cookie = apps.get_model("cookie_consent", "Cookie")
    group = CookieGroup.objects.filter(varname="statistics").first()
    if group is None:
        return
    group.description = "Counts visits and page views under a random visitor number."
    group.save(update_fields=["description"])
    Cookie.objects.update_or_create(
        cookiegroup=group,
        name="visitor",
        domain="",
        defaults={"description": "A random visitor number that counts your visits."},
    )


def remove(apps, schema_editor):
    Cookie = apps.get_model("cookie_consent", "Cookie")
    Cookie.objects.filter(cookiegroup__varname="statistics", name="visitor").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("visitors", "0001_initial"),
        ("privacy", "0003_cookie_groups"),
    ]

    operations = [migrations.RunPython(create, remove)]
