"""The cookie groups and cookies of the site, for django-cookie-consent's page and bar.

Necessary cookies are required; statistics and marketing need consent. Purposes and
lifetimes are shown translated from privacy/cookies.py; the descriptions here are the
English fallback.
"""

from django.conf import settings
from django.db import migrations

GROUPS = [
    ("necessary", "Necessary", "Needed for the site to work.", True, False, 0, [
        (settings.SESSION_COOKIE_NAME, "Keeps you signed in.", ""),
        (settings.CSRF_COOKIE_NAME, "Protects forms against forgery.", ""),
        (settings.LANGUAGE_COOKIE_NAME, "Remembers your language.", ""),
        (settings.COOKIE_CONSENT_NAME, "Remembers your cookie choices.", ""),
    ]),
    ("statistics", "Statistics", "How the site is used (none set at the moment).", False,
     True, 10, []),
    ("marketing", "Marketing", "The Facebook Pixel, never with advanced matching.", False,
     True, 20, [
         ("_fbp", "Facebook Pixel: measures our ads.", ""),
         ("fr", "Facebook: ad delivery and measurement.", ".facebook.com"),
     ]),
]


def create(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    Cookie = apps.get_model("cookie_consent", "Cookie")
    for varname, name, description, required, deletable, ordering, cookies in GROUPS:
        group, _ = CookieGroup.objects.update_or_create(varname=varname, defaults={
            "name": name, "description": description, "is_required": required,
            "is_deletable": deletable, "ordering": ordering})
        for cookie, purpose, domain in cookies:
            Cookie.objects.update_or_create(cookiegroup=group, name=cookie, domain=domain,
                                            defaults={"description": purpose})


def remove(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    CookieGroup.objects.filter(varname__in=[g[0] for g in GROUPS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0002_processing_record_permission"),
        ("cookie_consent", "0004_cookie_natural_key"),
    ]

    operations = [migrations.RunPython(create, remove)]
