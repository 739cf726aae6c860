"""Whole public pages kept by the process (config/page_cache.py): served again without a
query to the visitors a CDN could serve, never to anyone else, and dropped the moment what
they show changes or ends."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config import page_cache
from jobs.models import AdView, ApplyMethod, SavedAd
from privacy import restrictions, subjects
from taxonomy import cache as taxonomy_cache
from tests.factories import AdFactory, ClosedAdFactory, UserFactory
from tests.factories.privacy import create_cookie_rows
from visitors.models import PageView

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0"
SITE = "http://testserver"
SEARCH = reverse("jobs:search") + "?q=bagare"
HOME = reverse("jobs:home")


@pytest.fixture(autouse=True)
def _cookie_groups():
    create_cookie_rows()


def visitor() -> Client:
    """Another browser on its first visit: no cookies."""
    return Client(HTTP_USER_AGENT=BROWSER)


@pytest.fixture
def ad(taxonomy, stopped_now):
    return AdFactory(
        title="Bagare till stenugnsbageri",
        company__name="Anna Åkessons Bageri",
        company__email="anna@bageri.se",
    )


def made_afresh(url) -> bool:
    """Whether a new visitor's request for `url` was answered by making the page."""
    response = visitor().get(url)
    assert response.status_code == 200
    return not getattr(response.wsgi_request, "page_was_kept", False)


def test_a_second_visitor_gets_the_kept_page_without_a_query(
    kept_pages, ad, django_assert_num_queries
):
    for url in (SEARCH, HOME):
        first = visitor().get(url)
        with django_assert_num_queries(0):
            second = visitor().get(url)

        assert second.wsgi_request.page_was_kept
        assert second.content == first.content
        assert "Bagare till stenugnsbageri" in second.text
        assert second["Cache-Control"] == "public, max-age=60"
        assert "Cookie" in second["Vary"]
        assert second["Content-Type"] == first["Content-Type"]
    assert len(kept_pages) == 2


def test_a_kept_page_comes_with_the_nonce_of_its_scripts_and_what_it_allowed(
    kept_pages, ad, settings
):
    """A visitor who accepted marketing cookies gets the Pixel: a script with the page's
    nonce, and a policy that lets it load from Facebook."""
    settings.FACEBOOK_PIXEL_ID = "1234567890"
    marketing = visitor()
    marketing.post(
        reverse("cookie_consent_accept"), {"cookie_groups": ["marketing"]}, headers={"Origin": SITE}
    )
    first = marketing.get(HOME)
    second = marketing.get(HOME)

    (nonce,) = set(re.findall(r'<script nonce="([^"]+)"', second.text))
    policy = second["Content-Security-Policy"]
    assert second.wsgi_request.page_was_kept
    assert f"'nonce-{nonce}'" in policy and "connect.facebook.net" in policy
    assert first["Content-Security-Policy"] == policy
    assert "connect.facebook.net" not in visitor().get(HOME)["Content-Security-Policy"]


def test_a_head_request_is_answered_from_the_kept_page(kept_pages, ad):
    visitor().get(SEARCH)
    response = visitor().head(SEARCH)
    assert response.status_code == 200
    assert response.wsgi_request.page_was_kept
    assert response.content == b""


def test_a_signed_in_person_never_gets_the_kept_page_nor_leaves_theirs(kept_pages, ad):
    visitor().get(SEARCH)
    saver = UserFactory()
    SavedAd.objects.create(user=saver, ad=ad)
    theirs = Client()
    theirs.force_login(saver)

    response = theirs.get(SEARCH)

    assert not getattr(response.wsgi_request, "page_was_kept", False)
    assert "is-saved" in response.text  # their own heart
    assert response["Cache-Control"] == "private"
    assert len(kept_pages) == 1
    again = visitor().get(SEARCH)
    assert again.wsgi_request.page_was_kept and "is-saved" not in again.text


def test_a_visitor_with_a_session_cookie_gets_a_page_of_their_own(kept_pages, ad, settings):
    visitor().get(SEARCH)
    with_session = visitor()
    with_session.cookies[settings.SESSION_COOKIE_NAME] = "a-session-that-may-hold-messages"

    response = with_session.get(SEARCH)

    assert not getattr(response.wsgi_request, "page_was_kept", False)
    assert response["Cache-Control"] == "private"
    assert len(kept_pages) == 1


def test_a_visitor_counted_for_statistics_gets_kept_pages_and_each_is_counted(kept_pages, ad):
    """Their page views are counted around the view (visitors/middleware.py), kept or not;
    their page is the one of everyone who accepted statistics, never the one with the bar."""
    counted = visitor()
    counted.post(
        reverse("cookie_consent_accept"),
        {"cookie_groups": ["statistics", "marketing"]},
        headers={"Origin": SITE},
    )

    counted.get(HOME)
    second = counted.get(HOME)

    assert second.wsgi_request.page_was_kept
    assert 'class="cookie-bar"' not in second.text
    assert second["Cache-Control"] == "public, no-cache"
    assert PageView.objects.count() == 2
    assert 'class="cookie-bar"' in visitor().get(HOME).text


def test_a_visitor_who_chose_in_the_cookie_bar_never_gets_the_page_with_the_bar(kept_pages, ad):
    assert 'class="cookie-bar"' in visitor().get(HOME).text
    chose = visitor()
    chose.post(
        reverse("cookie_consent_decline"),
        {"cookie_groups": ["statistics", "marketing"]},
        headers={"Origin": SITE},
    )

    first = chose.get(HOME)
    second = chose.get(HOME)

    assert 'class="cookie-bar"' not in first.text and 'class="cookie-bar"' not in second.text
    assert second.wsgi_request.page_was_kept  # their own page, kept by their cookie
    assert 'class="cookie-bar"' in visitor().get(HOME).text
    assert len(kept_pages) == 2


def test_cookies_that_change_nothing_on_the_page_share_its_kept_page(kept_pages, ad):
    """A returning visitor's consent cookie carries a number of their own; a CSRF cookie
    from a form elsewhere: neither splits the page, only the choice made does."""
    declined = [visitor(), visitor()]
    for each in declined:
        each.post(
            reverse("cookie_consent_decline"),
            {"cookie_groups": ["statistics", "marketing"]},
            headers={"Origin": SITE},
        )
    first, second = (each.cookies["cookie_consent"].value for each in declined)
    assert first != second
    declined[1].cookies["csrftoken"] = "x" * 32
    declined[1].cookies["_ga"] = "GA1.1.123.456"
    plain = visitor()
    plain.cookies["csrftoken"] = "y" * 32

    declined[0].get(HOME)
    plain.get(HOME)

    assert declined[1].get(HOME).wsgi_request.page_was_kept
    assert visitor().get(HOME).wsgi_request.page_was_kept
    assert len(kept_pages) == 2


def test_a_page_that_sets_a_cookie_is_not_kept(kept_pages, ad, settings):
    """A consent given under an older notice: the page deletes the optional cookies."""
    outdated = visitor()
    outdated.cookies[settings.COOKIE_CONSENT_NAME] = "statistics=-1"
    outdated.cookies["_fbp"] = "fb.1.2.3"

    first = outdated.get(HOME)
    second = outdated.get(HOME)

    assert first.cookies and first["Cache-Control"] == "private"
    assert not getattr(second.wsgi_request, "page_was_kept", False)
    assert len(kept_pages) == 0


def test_each_language_has_its_own_page(kept_pages, ad):
    swedish = visitor().get(SEARCH)
    english = visitor().get("/en" + SEARCH.replace("/jobb/", "/jobs/"))
    again = visitor().get(SEARCH)

    assert '<html lang="sv">' in swedish.text and '<html lang="en">' in english.text
    assert again.wsgi_request.page_was_kept and '<html lang="sv">' in again.text
    assert len(kept_pages) == 2


def test_nothing_is_kept_when_the_setting_is_zero(kept_pages, ad, settings):
    settings.PAGE_CACHE_BYTES = 0
    visitor().get(SEARCH)
    assert made_afresh(SEARCH)
    assert len(kept_pages) == 0


# --- Dropped the moment what they show changes -----------------------------------------


def test_an_edited_ad_shows_at_once(kept_pages, ad):
    visitor().get(SEARCH)
    ad.title = "Bagare och konditor"
    ad.save()

    response = visitor().get(SEARCH)

    assert not getattr(response.wsgi_request, "page_was_kept", False)
    assert "Bagare och konditor" in response.text


def test_a_new_ad_shows_at_once_on_the_home_page(kept_pages, ad):
    visitor().get(HOME)
    AdFactory(title="Alldeles ny tjänst")
    assert "Alldeles ny tjänst" in visitor().get(HOME).text


def test_a_renamed_company_shows_at_once(kept_pages, ad):
    visitor().get(SEARCH)
    ad.company.name = "Åkessons Bröd AB"
    ad.company.save()

    text = visitor().get(SEARCH).text

    assert "Åkessons Bröd AB" in text and "Anna Åkessons Bageri" not in text


def test_a_restriction_takes_the_company_name_off_kept_pages_at_once(kept_pages, ad):
    """A sole trader's company is their name (GDPR art. 18)."""
    assert "Anna Åkessons Bageri" in visitor().get(SEARCH).text
    assert "Anna Åkessons Bageri" in visitor().get(HOME).text

    restrictions.restrict(email="ANNA@bageri.se", reason="Art. 18", by=None, now=timezone.now())

    assert "Anna Åkessons Bageri" not in visitor().get(SEARCH).text
    assert "Anna Åkessons Bageri" not in visitor().get(HOME).text


def test_an_erasure_by_the_engine_drops_every_kept_page(kept_pages, ad):
    """The engine anonymises in bulk (an UPDATE, no post_save): it says so by a signal."""
    ad.contact_email = "kontakt@bageri.se"
    ad.save()
    visitor().get(SEARCH)
    before = page_cache.generation()

    subjects.erase(email="kontakt@bageri.se", by=None, now=timezone.now())

    assert page_cache.generation() != before
    assert made_afresh(SEARCH)


def test_a_retention_deadline_acted_on_in_bulk_drops_every_kept_page(kept_pages, ad):
    """A company's details are anonymised by an UPDATE of the engine on the day staff
    marked the cooperation ended."""
    from privacy import enforcement

    now = timezone.now()
    company = ad.company
    company.cooperation_ended_on = timezone.localdate(now)
    company.save()
    visitor().get(ad_page(ad))
    before = page_cache.generation()

    enforcement.enforce(
        as_of=company.cooperation_ended_on, now=now, trigger="test", rule="contacts.partner"
    )

    company.refresh_from_db()
    assert company.email == ""
    assert page_cache.generation() != before
    assert made_afresh(ad_page(ad))


def test_a_taxonomy_import_drops_every_kept_page(kept_pages, ad):
    visitor().get(SEARCH)
    taxonomy_cache.clear()  # what the importer does once its import is committed
    assert made_afresh(SEARCH)


def test_a_change_to_the_cookie_groups_drops_every_kept_page(kept_pages, ad):
    from cookie_consent.models import CookieGroup

    visitor().get(HOME)
    group = CookieGroup.objects.get(varname="statistics")
    group.description = "Anonyma besöksräkningar"
    group.save()
    assert made_afresh(HOME)


def test_an_emptied_cache_never_brings_back_an_older_page(kept_pages, ad):
    """The generation is a random token: emptied, it does not start again where older
    pages were kept."""
    visitor().get(SEARCH)
    cache.clear()
    assert made_afresh(SEARCH)


# --- And when it ends -------------------------------------------------------------------


def test_an_ad_ending_by_its_date_leaves_the_kept_page_at_once(
    kept_pages, taxonomy, time_machine, stopped_utc
):
    ending = AdFactory(title="Bagare som slutar", ends_at=stopped_utc + dt.timedelta(seconds=30))
    AdFactory(title="Bagare som stannar")
    assert "Bagare som slutar" in visitor().get(SEARCH).text
    assert "Bagare som slutar" in visitor().get(HOME).text
    time_machine.move_to(stopped_utc + dt.timedelta(seconds=29), tick=False)
    assert not made_afresh(SEARCH)

    time_machine.move_to(stopped_utc + dt.timedelta(seconds=31), tick=False)

    for url in (SEARCH, HOME):
        response = visitor().get(url)
        assert not getattr(response.wsgi_request, "page_was_kept", False)
        assert "Bagare som slutar" not in response.text
        assert "Bagare som stannar" in response.text
    assert ending.title not in visitor().get(SEARCH).text


def test_a_page_is_kept_no_longer_than_a_cdn_may_keep_it(kept_pages, ad, time_machine, settings):
    utc = timezone.now().astimezone(dt.UTC)
    visitor().get(SEARCH)
    time_machine.move_to(utc + dt.timedelta(seconds=settings.CACHE_PUBLIC_MAX_AGE - 1), tick=False)
    assert not made_afresh(SEARCH)
    time_machine.move_to(utc + dt.timedelta(seconds=settings.CACHE_PUBLIC_MAX_AGE + 1), tick=False)
    assert made_afresh(SEARCH)


def test_a_page_made_from_kept_results_goes_when_they_expire(
    kept_pages, taxonomy, time_machine, stopped_utc
):
    """Page 2 made half a minute after page 1 kept the search's results holds only as long
    as those results (their count is a minute's figure)."""
    from jobs.search import PAGE_SIZE, RESULTS_TTL

    AdFactory.create_batch(PAGE_SIZE + 1, title="Bagare")
    visitor().get(SEARCH)  # keeps the results until stopped_utc + RESULTS_TTL
    time_machine.move_to(stopped_utc + dt.timedelta(seconds=RESULTS_TTL // 2), tick=False)
    assert made_afresh(SEARCH + "&page=2")

    time_machine.move_to(stopped_utc + dt.timedelta(seconds=RESULTS_TTL - 1), tick=False)
    assert not made_afresh(SEARCH + "&page=2")
    time_machine.move_to(stopped_utc + dt.timedelta(seconds=RESULTS_TTL + 1), tick=False)
    assert made_afresh(SEARCH + "&page=2")


# --- The ad page ------------------------------------------------------------------------


def ad_page(ad):
    return reverse("jobs:detail_slug", kwargs={"pk": ad.pk, "slug": ad.slug})


def test_a_kept_ad_page_still_counts_every_view(kept_pages, ad, django_assert_num_queries):
    visitor().get(ad_page(ad))
    with django_assert_num_queries(1):  # the view counted, nothing read
        response = visitor().get(ad_page(ad))

    assert response.wsgi_request.page_was_kept
    assert "Bagare till stenugnsbageri" in response.text
    assert response["Cache-Control"] == "public, no-cache"
    assert AdView.objects.filter(ad=ad).count() == 2


def test_a_kept_ad_page_lets_its_apply_form_leave_for_the_employers_site(kept_pages, taxonomy):
    ad = AdFactory(apply_method=ApplyMethod.URL, apply_url="https://jobb.example.se/ansok")
    visitor().get(ad_page(ad))
    response = visitor().get(ad_page(ad))
    assert response.wsgi_request.page_was_kept
    assert "https://jobb.example.se" in response["Content-Security-Policy"]


def test_an_ad_page_ending_by_its_date_is_not_kept_past_its_end(
    kept_pages, taxonomy, time_machine, stopped_utc
):
    ad = AdFactory(ends_at=stopped_utc + dt.timedelta(seconds=30))
    assert visitor().get(ad_page(ad)).context["is_public"] is True
    time_machine.move_to(stopped_utc + dt.timedelta(seconds=31), tick=False)

    response = visitor().get(ad_page(ad))

    assert not getattr(response.wsgi_request, "page_was_kept", False)
    assert response.context["is_public"] is False


def test_a_closed_ad_page_is_kept_and_counted_too(kept_pages, taxonomy):
    closed = ClosedAdFactory()
    visitor().get(ad_page(closed))
    response = visitor().get(ad_page(closed))
    assert response.wsgi_request.page_was_kept
    assert AdView.objects.filter(ad=closed).count() == 2


def test_an_ad_page_with_the_contact_person_revealed_is_never_kept(kept_pages, ad):
    """The contact person shows only to whoever holds the short-lived link."""
    from jobs.views.public import _reveal_token

    ad.contact_name = "Kalle Kontakt"
    ad.save()
    revealed = ad_page(ad) + "?contact=" + _reveal_token(ad)

    assert "Kalle Kontakt" in visitor().get(revealed).text
    again = visitor().get(revealed)

    assert not getattr(again.wsgi_request, "page_was_kept", False)
    assert len(kept_pages) == 0
    assert "Kalle Kontakt" not in visitor().get(ad_page(ad)).text


def test_an_edited_ad_shows_on_its_kept_page_at_once(kept_pages, ad):
    visitor().get(ad_page(ad))
    ad.title = "Bagare och konditor"
    ad.save()
    assert "Bagare och konditor" in visitor().get(ad_page(ad)).text


# --- The store --------------------------------------------------------------------------


def page_of(size: int) -> page_cache.Page:
    return page_cache.Page(
        generation="g",
        fresh_until=timezone.now(),
        content=b"x" * size,
        headers=(),
        nonce=None,
        csp_allowed=None,
    )


def test_the_store_keeps_its_budget_and_drops_the_least_recently_served_first():
    store = page_cache._Store()
    size = page_of(1000).size
    for key in "abc":
        store.put(key, page_of(1000), budget=3 * size)
    assert store.get("a") is not None  # a is now the most recently served

    store.put("d", page_of(1000), budget=3 * size)

    assert store.get("b") is None
    assert [k for k in "acd" if store.get(k) is not None] == ["a", "c", "d"]
    assert store.bytes == 3 * size
    store.put("huge", page_of(10 * size), budget=3 * size)
    assert store.get("huge") is None and len(store) == 3
