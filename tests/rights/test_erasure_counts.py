"""The erasure's preview ("what will be erased") and its result ("what was erased") count the
same things the same way, for a person with rows of many kinds: one function counts both."""

import re

import pytest
from django.urls import reverse

from jobs.models import SavedAd
from privacy import subjects
from rights.models import Kind
from rights.services import requests
from tests.factories import MembershipFactory
from tests.factories.companies import invoiced_ad
from tests.factories.jobs import AdFactory, JobAlertFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(two_people, frozen_now):
    """An applicant with documents, a newsletter consent, a job alert, a saved ad, and a
    company whose invoiced order the law makes us keep."""
    anna, _bertil = two_people
    JobAlertFactory(user=anna, email=anna.email)
    SavedAd.objects.create(user=anna, ad=AdFactory())
    MembershipFactory(user=anna, role="owner")
    invoiced_ad(by=anna, now=frozen_now)
    return anna


def _lines(report):
    return {
        outcome: sorted((e["category"], e["count"]) for e in entries)
        for outcome, entries in report.items()
    }


def _kept_in_table(page: str) -> int:
    rows = re.findall(r'<tr class="erasure-kept"><td>[^<]*</td><td>[^<]*</td><td>(\d+)</td>', page)
    return sum(int(count) for count in rows)


def test_the_preview_counts_what_the_erasure_then_reports(
    anna, handler, handler_client, frozen_now
):
    filed = requests.enter_request(kind=Kind.ERASURE, email=anna.email, by=handler, now=frozen_now)
    url = reverse("admin:rights_datarequest_act", args=[filed.pk, "erase"])

    preview_page = handler_client.get(url).content.decode()
    done = handler_client.post(url, follow=True).content.decode()

    previewed = filed.events.get(action="erasure_previewed").details
    erased = filed.events.get(action="erased").details
    assert previewed == erased
    assert previewed["deleted"] >= 8 and previewed["anonymised"] and previewed["kept"] >= 3
    kept = _kept_in_table(preview_page)
    assert kept == erased["kept"]
    assert f"{kept} poster sparas, lagrade men inte använda." in done


def test_a_dry_run_reports_the_same_lines_as_the_erasure(anna, frozen_now):
    preview = subjects.erase(user=anna, email=anna.email, by=None, now=frozen_now, dry_run=True)
    result = subjects.erase(user=anna, email=anna.email, by=None, now=frozen_now)

    assert _lines(preview) == _lines(result)
    assert subjects.counts(preview) == subjects.counts(result)
