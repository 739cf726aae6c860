"""Demo users: a staff user, a seeker and an employer to sign in as, and more seekers."""

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from accounts.models import User
from jobs.demo.context import (
    DEMO_PASSWORD,
    EMPLOYER_EMAIL,
    SEEKER_EMAIL,
    STAFF_EMAIL,
    STAFF_PASSWORD,
)

FIRST_NAMES = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Mohammed", "Elin",
               "Ali", "Emma", "Oskar", "Fatima", "Nils", "Linnea", "Ahmed", "Ida", "Björn",
               "Åsa", "Örjan", "Zeynep", "Hugo", "Maja", "Noah"]
LAST_NAMES = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
              "Persson", "Svensson", "Gustafsson", "Pettersson", "Jönsson", "Hassan", "Lindqvist",
              "Öberg", "Åkesson", "Lindberg", "Berg", "Mohammadi", "Ström"]
SEEKERS = 40


def _user(email, password_hash, **fields):
    user, created = User.objects.get_or_create(email=email, defaults={"password": password_hash,
                                                                      **fields})
    if created:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def seed(ctx):
    demo_hash = make_password(DEMO_PASSWORD)
    ctx.made["staff"] = _user(STAFF_EMAIL, make_password(STAFF_PASSWORD), first_name="Site",
                              last_name="Admin", is_staff=True, is_superuser=True)
    ctx.made["seeker"] = _user(SEEKER_EMAIL, demo_hash, first_name="Anna",
                               last_name="Andersson")
    ctx.made["employer"] = _user(EMPLOYER_EMAIL, demo_hash, first_name="Karin",
                                 last_name="Lind")
    seekers = []
    for i in range(SEEKERS):
        first, last = ctx.rng.choice(FIRST_NAMES), ctx.rng.choice(LAST_NAMES)
        email = f"{first}.{last}{i}@example.se".lower().translate(str.maketrans("åäö", "aao"))
        seekers.append(_user(email, demo_hash, first_name=first, last_name=last))
    ctx.made["seekers"] = seekers
