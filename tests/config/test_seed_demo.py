import base64
import re
import time
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import User
from companies.models import Company
from companies.orgnr import normalize_org_number
from jobs.models import Ad
from taxonomy.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _builtin_taxonomy(settings, tmp_path):
    settings.TAXONOMY_DATA_DIR = str(tmp_path / "no-reference-files-here")


@pytest.fixture(autouse=True)
def _debug_on(settings):
    """`make run` seeds with DEBUG on (the default); pytest turns it off."""
    settings.DEBUG = True


def _seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_loads_users_companies_and_ads_and_prints_the_admin_login():
    output = _seed("--ads", "50")

    assert "Admin login: admin@workwithus.se" in output
    assert User.objects.filter(is_staff=True, is_superuser=True).count() == 1
    assert Ad.objects.count() == 50
    assert Ad.objects.public(timezone.now()).exists()
    assert Municipality.objects.count() > 20  # the built-in set


def test_seed_demo_is_idempotent():
    _seed("--ads", "40")
    counts = (User.objects.count(), Company.objects.count(), Ad.objects.count())
    _seed("--ads", "40")
    assert (User.objects.count(), Company.objects.count(), Ad.objects.count()) == counts


def test_seed_demo_once_does_nothing_the_second_time():
    _seed("--ads", "10", "--once")
    output = _seed("--ads", "500", "--once")
    assert "already loaded" in output
    assert Ad.objects.count() == 10


def test_seed_demo_grows_the_ads_to_the_number_asked():
    _seed("--ads", "10")
    _seed("--ads", "120")
    assert Ad.objects.count() == 120


def test_demo_companies_have_valid_organisation_numbers():
    _seed("--ads", "5")
    for org_number in Company.objects.values_list("org_number", flat=True):
        assert normalize_org_number(org_number, today=timezone.localdate()) == org_number


def test_seed_demo_refuses_a_production_instance_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--i-know"):
        _seed("--ads", "5")

    assert not User.objects.exists()


def test_seed_demo_seeds_with_debug_off_when_told_i_know(settings):
    settings.DEBUG = False

    output = _seed("--ads", "5", "--i-know")

    assert "Admin login: admin@workwithus.se" in output
    assert User.objects.filter(is_staff=True).exists()


def _printed_totp(output):
    secret = re.search(r"two-factor secret \(add it to an authenticator app\): (\S+)", output)[1]
    uri = re.search(r"(otpauth://totp/\S+)", output)[1]
    return secret, uri


def test_the_demo_staff_gets_a_fresh_160_bit_secret_printed_with_an_otpauth_uri():
    output = _seed("--ads", "5")

    secret, uri = _printed_totp(output)
    assert secret != "JBSWY3DPEHPK3PXP"
    assert len(base64.b32decode(secret)) * 8 == 160
    assert parse_qs(urlsplit(uri).query)["secret"] == [secret]
    login = output.index("Admin login:")
    assert login < output.index(secret) < output.index("Job seeker:")  # beside the logins
    staff = User.objects.get(email="admin@workwithus.se")
    authenticator = Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    assert TOTP(authenticator).validate_code(code)


def test_seed_demo_once_prints_the_same_secret_again():
    first = _printed_totp(_seed("--ads", "5", "--once"))
    again = _printed_totp(_seed("--ads", "5", "--once"))
    assert first == again


def test_a_database_seeded_with_the_published_secret_gets_a_fresh_one():
    _seed("--ads", "5")
    staff = User.objects.get(email="admin@workwithus.se")
    Authenticator.objects.filter(user=staff).delete()
    TOTP.activate(staff, "JBSWY3DPEHPK3PXP")

    secret, _uri = _printed_totp(_seed("--ads", "5"))

    assert secret != "JBSWY3DPEHPK3PXP"
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).count() == 1


def test_demo_companies_hire_in_their_own_trade_with_varied_texts_and_salaries():
    from demo.parts import texts

    _seed("--ads", "80")
    ads = list(Ad.objects.select_related("company", "occupation__group"))
    for ad in ads:
        trade = texts.SECTORS[ad.company.name][0]
        assert ad.occupation.group.code in trade, (ad.company.name, ad.occupation.name)
    bakery = [ad.occupation.group.code for ad in ads if ad.company.name == "Smålandsbageriet AB"]
    assert "4112" not in bakery  # a bakery does not hire a payroll consultant
    assert not {ad.occupation.name for ad in ads} & texts.AVOID
    assert len({ad.description for ad in ads}) > len(ads) * 0.9
    assert len({ad.salary_min for ad in ads if ad.salary_min}) > 10
    nurses = [ad.salary_min for ad in ads if ad.occupation.group.code == "2221" and ad.salary_min]
    shop = [ad.salary_min for ad in ads if ad.occupation.group.code == "5223" and ad.salary_min]
    if nurses and shop:
        assert min(nurses) > max(shop)


def test_a_few_demo_companies_get_a_logo_drawn_at_seed_time():
    from PIL import Image

    from demo.parts.logos import COLOURS

    _seed("--ads", "10")
    with_logo = Company.objects.exclude(logo="")
    assert {c.name for c in with_logo} == set(COLOURS)
    with with_logo.first().logo.open("rb") as stored:
        assert Image.open(stored).format == "WEBP"
    _seed("--ads", "10")  # again: the logos stay as they are
    assert Company.objects.exclude(logo="").count() == len(COLOURS)


def test_demo_invoices_are_numbered_in_the_order_of_their_dates():
    from companies.models import Invoice

    _seed("--ads", "5")
    invoices = list(Invoice.objects.order_by("number"))
    assert len(invoices) > 1
    dates = [invoice.issued_on for invoice in invoices]
    assert dates == sorted(dates)
