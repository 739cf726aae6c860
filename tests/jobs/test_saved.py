"""Saved jobs: the heart on results and the ad page (a POST form), the list under My pages,
refusals, and the seeker's rows in the registry (rule, export, erasure)."""

import datetime as dt
import html
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from jobs.models import SavedAd
from privacy import subjects
from tests.factories import AdFactory, ClosedAdFactory, UserFactory
from tests.factories.companies import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(frozen_now):
    return UserFactory()


@pytest.fixture
def ad(frozen_now, taxonomy):
    return AdFactory(title="Bagare till stenugnsbageri")


def test_a_seeker_saves_a_job_from_the_ad_page_and_sees_it_in_the_list(client, seeker, ad):
    client.force_login(seeker)
    response = client.post(reverse("jobs:save_ad", args=[ad.pk]))
    assert response.status_code == 302
    assert response["Location"] == ad.get_absolute_url()
    assert SavedAd.objects.filter(user=seeker, ad=ad).exists()
    page = client.get(reverse("jobs:saved_list")).content.decode()
    assert "Bagare till stenugnsbageri" in page
    detail = client.get(ad.get_absolute_url()).content.decode()
    assert reverse("jobs:unsave_ad", args=[ad.pk]) in detail
    assert "Sparat" in detail


def test_saving_twice_keeps_one_row(client, seeker, ad):
    client.force_login(seeker)
    client.post(reverse("jobs:save_ad", args=[ad.pk]))
    client.post(reverse("jobs:save_ad", args=[ad.pk]))
    assert SavedAd.objects.filter(user=seeker).count() == 1


def test_a_seeker_removes_a_saved_job(client, seeker, ad):
    SavedAd.objects.create(user=seeker, ad=ad)
    client.force_login(seeker)
    response = client.post(reverse("jobs:unsave_ad", args=[ad.pk]))
    assert response.status_code == 302
    assert not SavedAd.objects.filter(user=seeker).exists()
    assert "Bagare" not in client.get(reverse("jobs:saved_list")).content.decode()


def test_the_heart_returns_to_the_results_page_it_was_on_at_the_ads_card(client, seeker, ad):
    """Not at the top of the results: the person keeps their place in the list."""
    client.force_login(seeker)
    back = reverse("jobs:search") + "?q=bagare"
    response = client.post(reverse("jobs:save_ad", args=[ad.pk]), {"next": back})
    assert response["Location"] == f"{back}#ad-{ad.pk}"
    page = client.get(back).content.decode()
    assert f'id="ad-{ad.pk}"' in page
    removed = client.post(reverse("jobs:unsave_ad", args=[ad.pk]), {"next": back})
    assert removed["Location"] == f"{back}#ad-{ad.pk}"


def test_the_heart_on_the_ads_own_page_returns_to_it_without_a_card_to_find(client, seeker, ad):
    client.force_login(seeker)
    for back in (ad.get_absolute_url(), reverse("jobs:detail", args=[ad.pk])):
        response = client.post(reverse("jobs:save_ad", args=[ad.pk]), {"next": back})
        assert response["Location"] == back


def test_the_heart_never_sends_to_another_site(client, seeker, ad):
    client.force_login(seeker)
    response = client.post(reverse("jobs:save_ad", args=[ad.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == ad.get_absolute_url()


def test_results_show_a_heart_per_ad_and_which_are_saved(client, seeker, ad, frozen_now):
    other = AdFactory(title="Konditor")
    SavedAd.objects.create(user=seeker, ad=ad)
    client.force_login(seeker)
    page = client.get(reverse("jobs:search")).content.decode()
    assert reverse("jobs:unsave_ad", args=[ad.pk]) in page
    assert reverse("jobs:save_ad", args=[other.pk]) in page


def test_an_anonymous_visitor_is_sent_to_sign_in(client, ad):
    response = client.post(reverse("jobs:save_ad", args=[ad.pk]))
    assert response.status_code == 302
    assert "/konto/logga-in/" in response["Location"]
    assert not SavedAd.objects.exists()
    assert client.get(reverse("jobs:saved_list"))["Location"].startswith("/konto/logga-in/")


def test_an_anonymous_visitor_sees_a_heart_that_leads_to_sign_in(client, ad):
    page = client.get(ad.get_absolute_url()).content.decode()
    login = reverse("account_login") + "?for=save&amp;next=" + reverse("jobs:save_ad", args=[ad.pk])
    assert login in page
    assert 'action="' + reverse("jobs:save_ad", args=[ad.pk]) not in page  # no form to post


def test_a_visitor_who_presses_the_heart_has_the_job_saved_once_signed_in(client, seeker, ad):
    """The heart of a results page sends to sign-in; once in, one more press saves the job
    (a GET changes nothing) and leads back to the results, filters kept."""
    results = reverse("jobs:search") + "?q=bagare&sort=newest"
    page = client.get(results).content.decode()
    link = re.search(r'class="save-button" href="(/konto/logga-in/\?for=save[^"]+)"', page)[1]
    link = html.unescape(link)
    assert "Logga in för att spara jobbet" in client.get(link).content.decode()
    signed_in = client.post(
        link, {"login": seeker.email, "password": "correct horse battery staple"}
    )
    ask = client.get(signed_in["Location"])
    assert not SavedAd.objects.exists()
    assert ask.status_code == 200 and "Spara jobbet" in ask.content.decode()

    saved = client.post(signed_in["Location"])

    assert SavedAd.objects.filter(user=seeker, ad=ad).exists()
    assert saved["Location"] == f"{results}#ad-{ad.pk}"
    again = client.get(signed_in["Location"])  # already saved: straight back
    assert again["Location"] == f"{results}#ad-{ad.pk}" and SavedAd.objects.count() == 1


def test_another_seeker_neither_sees_nor_removes_a_seekers_saved_job(client, seeker, ad):
    SavedAd.objects.create(user=seeker, ad=ad)
    client.force_login(UserFactory())
    assert "Bagare" not in client.get(reverse("jobs:saved_list")).content.decode()
    client.post(reverse("jobs:unsave_ad", args=[ad.pk]))
    assert SavedAd.objects.filter(user=seeker, ad=ad).exists()


def test_a_company_member_saves_and_removes_a_job_as_anyone_signed_in(client, ad):
    member = MembershipFactory().user
    client.force_login(member)
    results = client.get(reverse("jobs:search")).content.decode()
    assert reverse("jobs:save_ad", args=[ad.pk]) in results  # the heart is a working form
    response = client.post(reverse("jobs:save_ad", args=[ad.pk]), follow=True)
    assert SavedAd.objects.filter(user=member, ad=ad).exists()
    assert "Jobbet är sparat" in response.content.decode()
    assert "Bagare till stenugnsbageri" in client.get(reverse("jobs:saved_list")).text
    client.post(reverse("jobs:unsave_ad", args=[ad.pk]))
    assert not SavedAd.objects.filter(user=member).exists()
    assert "Bagare" not in client.get(reverse("jobs:saved_list")).text


@pytest.mark.parametrize("other", ["seeker", "colleague", "staff"])
def test_nobody_else_sees_or_removes_a_members_saved_job(client, ad, other):
    membership = MembershipFactory()
    SavedAd.objects.create(user=membership.user, ad=ad)
    client.force_login(
        {
            "seeker": lambda: UserFactory(),
            "colleague": lambda: MembershipFactory(company=membership.company).user,
            "staff": lambda: UserFactory(is_staff=True),
        }[other]()
    )
    assert "Bagare" not in client.get(reverse("jobs:saved_list")).text
    assert reverse("jobs:unsave_ad", args=[ad.pk]) not in client.get(ad.get_absolute_url()).text
    client.post(reverse("jobs:unsave_ad", args=[ad.pk]))
    assert SavedAd.objects.filter(user=membership.user, ad=ad).exists()


@pytest.mark.parametrize("permissions", [(), ("view_savedad", "add_savedad")])
def test_staff_cannot_save_jobs(client, ad, permissions):
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(codename__in=permissions))
    client.force_login(staff)
    response = client.post(reverse("jobs:save_ad", args=[ad.pk]), follow=True)
    assert not SavedAd.objects.exists()
    assert "för arbetssökande" in response.content.decode()


def test_a_closed_ad_cannot_be_saved_but_a_saved_one_stays_listed_as_closed(
    client, seeker, frozen_now, taxonomy
):
    closed = ClosedAdFactory(title="Stängd tjänst")
    client.force_login(seeker)
    asked = client.get(reverse("jobs:save_ad", args=[closed.pk]), follow=True)
    assert "Spara jobbet" not in asked.content.decode()  # no save offered to be refused
    assert "kan inte längre sparas" in asked.content.decode()
    client.post(reverse("jobs:save_ad", args=[closed.pk]))
    assert not SavedAd.objects.exists()
    SavedAd.objects.create(user=seeker, ad=closed)
    page = client.get(reverse("jobs:saved_list")).content.decode()
    assert "Stängd tjänst" in page
    assert "tar inte längre emot ansökningar" in page


def test_an_unknown_ad_is_404(client, seeker):
    client.force_login(seeker)
    assert client.post(reverse("jobs:save_ad", args=[999999])).status_code == 404


def test_a_draft_is_404_as_if_it_did_not_exist(client, seeker, frozen_now, taxonomy):
    from jobs.models import Ad

    draft = AdFactory(status=Ad.Status.DRAFT, published_at=None, ends_at=None)
    client.force_login(seeker)
    assert client.post(reverse("jobs:save_ad", args=[draft.pk])).status_code == 404
    assert not SavedAd.objects.exists()


def test_the_list_costs_the_same_queries_for_many_saved_jobs(
    client, seeker, frozen_now, taxonomy, django_assert_max_num_queries
):
    for _ in range(5):
        SavedAd.objects.create(user=seeker, ad=AdFactory())
    client.force_login(seeker)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("jobs:saved_list")).status_code == 200


# --- The registry: seeker.inactive_account, export, erasure.

LAST_SEEN = dt.date(2025, 11, 25)
EXPIRY = dt.date(2026, 11, 25)


def _enforce(as_of, capture):
    with capture(execute=True):
        call_command(
            "enforce_retention",
            "--as-of",
            as_of.isoformat(),
            "--rule",
            "seeker.inactive_account",
            stdout=io.StringIO(),
        )


@pytest.fixture
def saved_by_idle_seeker(taxonomy, frozen_now):
    user = UserFactory(last_seen_on=LAST_SEEN)
    return SavedAd.objects.create(user=user, ad=AdFactory())


def test_saved_jobs_are_kept_the_day_before_the_account_expires(
    saved_by_idle_seeker, django_capture_on_commit_callbacks
):
    _enforce(EXPIRY - dt.timedelta(days=1), django_capture_on_commit_callbacks)
    assert SavedAd.objects.filter(pk=saved_by_idle_seeker.pk).exists()


def test_saved_jobs_go_with_the_account_on_the_day_it_expires(
    saved_by_idle_seeker, django_capture_on_commit_callbacks
):
    _enforce(EXPIRY, django_capture_on_commit_callbacks)
    assert not SavedAd.objects.filter(pk=saved_by_idle_seeker.pk).exists()


def test_the_export_contains_the_saved_jobs(seeker, ad, frozen_now):
    SavedAd.objects.create(user=seeker, ad=ad, saved_at=frozen_now)
    with translation.override("en"):
        report = subjects.collect(user=seeker, email=seeker.email, now=frozen_now)
    saved = next(c for c in report["categories"] if c["category"] == "Your saved jobs")
    assert len(saved["items"]) == 1
    assert saved["items"][0]["rules"] == ["seeker.inactive_account"]
    assert saved["items"][0]["data"]["ad"]


def test_erasure_removes_the_saved_jobs_and_only_the_persons(seeker, ad, frozen_now):
    SavedAd.objects.create(user=seeker, ad=ad)
    other = SavedAd.objects.create(user=UserFactory(), ad=ad)
    subjects.erase(user=seeker, email=seeker.email, by=None, now=frozen_now)
    assert list(SavedAd.objects.all()) == [other]


@pytest.mark.parametrize("where", ["results", "ad page"])
def test_the_heart_works_with_csrf_checks_on(seeker, ad, where):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(seeker)
    page = browser.get(reverse("jobs:search") if where == "results" else ad.get_absolute_url())
    html = page.content.decode()
    start = html.index(f'action="{reverse("jobs:save_ad", args=[ad.pk])}"')
    token = html[start:].split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = browser.post(reverse("jobs:save_ad", args=[ad.pk]), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert SavedAd.objects.filter(user=seeker, ad=ad).exists()


def test_the_saved_list_leaves_a_restricted_company_unnamed(client, seeker, frozen_now, taxonomy):
    """A sole trader's company is their name: under a restriction of processing no page
    shows it to others, a seeker's own list of saved jobs included."""
    from privacy import restrictions
    from tests.factories.companies import CompanyFactory

    own_name = CompanyFactory(name="Anna Lind Bageri", email="anna@bageri.se")
    restricted = AdFactory(title="Bagare", company=own_name)
    named = AdFactory(title="Konditor", company=CompanyFactory(name="Stora Bageriet AB"))
    client.force_login(seeker)
    for ad in (restricted, named):
        client.post(reverse("jobs:save_ad", args=[ad.pk]))
    restrictions.restrict(email="anna@bageri.se", reason="Art. 18", by=None, now=frozen_now)

    page = client.get(reverse("jobs:saved_list")).content.decode()

    assert "Anna Lind" not in page
    assert "Arbetsgivaren namnges inte" in page
    assert "Stora Bageriet AB" in page
    assert "Bagare" in page
