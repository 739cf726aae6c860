from io import StringIO

import pytest
from django.core.management import call_command
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
        assert normalize_org_number(org_number) == org_number
