"""Demo users: a staff user, a seeker and an employer to sign in as, and more seekers.

The demo seeker gets a filled profile and a CV: a small PDF rendered with WeasyPrint at seed
time (never a committed file).
"""

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts import services
from accounts.filetypes import PDF
from accounts.models import Document, SeekerProfile, User
from demo.context import (
    DEMO_PASSWORD,
    EMPLOYER_EMAIL,
    SEEKER_EMAIL,
    STAFF_EMAIL,
    STAFF_PASSWORD,
)
from taxonomy.models import Municipality, Occupation

FIRST_NAMES = [
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Karin",
    "Johan",
    "Sara",
    "Mohammed",
    "Elin",
    "Ali",
    "Emma",
    "Oskar",
    "Fatima",
    "Nils",
    "Linnea",
    "Ahmed",
    "Ida",
    "Björn",
    "Åsa",
    "Örjan",
    "Zeynep",
    "Hugo",
    "Maja",
    "Noah",
]
LAST_NAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jönsson",
    "Hassan",
    "Lindqvist",
    "Öberg",
    "Åkesson",
    "Lindberg",
    "Berg",
    "Mohammadi",
    "Ström",
]
SEEKERS = 40


def _user(email, password_hash, **fields):
    user, created = User.objects.get_or_create(
        email=email, defaults={"password": password_hash, **fields}
    )
    if created:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def seed(ctx):
    demo_hash = make_password(DEMO_PASSWORD)
    ctx.made["staff"] = _user(
        STAFF_EMAIL,
        make_password(STAFF_PASSWORD),
        first_name="Site",
        last_name="Admin",
        is_staff=True,
        is_superuser=True,
    )
    ctx.made["seeker"] = _user(SEEKER_EMAIL, demo_hash, first_name="Anna", last_name="Andersson")
    ctx.made["employer"] = _user(EMPLOYER_EMAIL, demo_hash, first_name="Karin", last_name="Lind")
    seekers = []
    for i in range(SEEKERS):
        first, last = ctx.rng.choice(FIRST_NAMES), ctx.rng.choice(LAST_NAMES)
        email = f"{first}.{last}{i}@example.se".lower().translate(str.maketrans("åäö", "aao"))
        seekers.append(_user(email, demo_hash, first_name=first, last_name=last))
    ctx.made["seekers"] = seekers
    _staff_second_factor(ctx)
    _seeker_profile_and_cv(ctx.made["seeker"])


# Staff need an authenticator app before admin (accounts.middleware). The demo staff user's
# secret is made at seed time (160 random bits), never written in the code: the example
# secret this once was is public, so a database seeded with it gets a fresh one.
PUBLISHED_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105 (refused, never used)


def _staff_second_factor(ctx):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    staff = ctx.made["staff"]
    current = staff_totp(staff)
    if current is not None and current[0] == PUBLISHED_TOTP_SECRET:
        Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).delete()
        current = None
    if current is None:
        TOTP.activate(staff, generate_totp_secret())


def staff_totp(staff) -> tuple[str, str] | None:
    """The demo staff user's TOTP secret and its otpauth:// URI (for an authenticator app),
    or None before the seed made one."""
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return None
    secret = decrypt(authenticator.data["secret"])
    return secret, get_adapter().build_totp_url(staff, secret)


CV_HTML = """<!doctype html><html lang="sv"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 2cm; }
html { font-family: "DejaVu Sans", sans-serif; font-size: 11pt; color: #1b2421; }
h1 { color: #0b5d4b; margin-bottom: 0; } h2 { color: #0b5d4b; font-size: 13pt; }
</style></head><body>
<h1>Anna Andersson</h1><p>Storgatan 12, 111 51 Stockholm · 070-123 45 67</p>
<h2>Erfarenhet</h2>
<p><b>Systemutvecklare</b>, Nordkod AB, 2021&ndash;2026. Webbtjänster i Python och Django.</p>
<p><b>Kundtjänstmedarbetare</b>, Åhléns, 2018&ndash;2021.</p>
<h2>Utbildning</h2><p>Systemvetenskap, Stockholms universitet, 2015&ndash;2018.</p>
<h2>Språk</h2><p>Svenska, engelska, tyska (grundläggande).</p>
</body></html>"""


def _seeker_profile_and_cv(user):
    now = timezone.now()
    if not SeekerProfile.objects.filter(user=user).exists():
        occupations = Occupation.objects.filter(name__icontains="utvecklare")[:3]
        places = Municipality.objects.filter(name__in=["Stockholm", "Solna", "Uppsala"])
        services.update_profile(
            user=user,
            first_name=user.first_name,
            last_name=user.last_name,
            street="Storgatan 12",
            postal_code="111 51",
            town="Stockholm",
            phone="+46701234567",
            occupations=occupations,
            municipalities=places,
            by=user,
            now=now,
        )
    if not Document.objects.filter(owner=user).exists():
        from weasyprint import HTML

        pdf = ContentFile(HTML(string=CV_HTML).write_pdf(), name="CV Anna Andersson.pdf")
        services.add_document(
            owner=user,
            uploaded_file=pdf,
            content_type=PDF,
            title="Mitt CV",
            kind=Document.Kind.CV,
            by=user,
            now=now,
        )
