"""Public pages a CDN may keep; private pages, and the token-less forms of public pages
(config/caching.py)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from jobs.models import Application, ApplyClick, ApplyMethod, ContactView
from newsletter.models import Subscriber
from tests.factories import AdFactory, UserFactory
from tests.factories.privacy import create_cookie_rows
from visitors.models import CookieChoice

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0"
SITE = "http://testserver"


@pytest.fixture(autouse=True)
def _cookie_groups():
    create_cookie_rows()


@pytest.fixture
def visitor():
    """A browser on its first visit: no cookies, and nothing said about where it comes from
    (a GET from a link or the address bar); POSTs say what the test gives them."""
    return Client(HTTP_USER_AGENT=BROWSER)


@pytest.fixture
def ad(taxonomy):
    return AdFactory(
        company__name="Nordkod AB",
        apply_method=ApplyMethod.URL,
        apply_url="https://jobb.example.se/ansok",
    )


def public_pages(ad):
    return {
        "home": reverse("jobs:home"),
        "search": reverse("jobs:search") + "?q=utvecklare",
        "company page": reverse("companies:page", args=[ad.company.slug]),
        "privacy notice": reverse("privacy:notice"),
        "cookies page": reverse("cookie_consent_cookie_group_list"),
        "pricing": reverse("companies:pricing"),
    }


def vary(response) -> set[str]:
    return {value.strip().lower() for value in response.get("Vary", "").split(",") if value}


def assert_shareable(response):
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    assert "cookie" in vary(response)
    assert "accept-language" not in vary(response)
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "csrfmiddlewaretoken" not in response.text


def test_each_public_page_seen_without_a_session_may_be_kept_by_a_cdn(visitor, ad):
    for name, url in public_pages(ad).items():
        response = visitor.get(url)
        assert_shareable(response), name


def test_the_max_age_is_a_setting(visitor, ad, settings):
    settings.CACHE_PUBLIC_MAX_AGE = 300
    assert visitor.get(reverse("jobs:home"))["Cache-Control"] == "public, max-age=300"


def test_the_ad_page_is_public_but_asks_the_server_each_time_so_every_view_is_counted(visitor, ad):
    response = visitor.get(ad.get_absolute_url())

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, no-cache"
    assert "cookie" in vary(response) and "accept-language" not in vary(response)
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.text
    assert reverse("jobs:reveal_contact", args=[ad.pk]) in response.text
    assert reverse("jobs:apply_external", args=[ad.pk]) in response.text


def test_the_language_comes_from_the_path_not_from_accept_language(visitor, ad):
    swedish = visitor.get(reverse("jobs:home"), headers={"Accept-Language": "en"})
    english = visitor.get("/en/", headers={"Accept-Language": "sv"})

    assert '<html lang="sv">' in swedish.text
    assert '<html lang="en">' in english.text
    assert_shareable(english)


def test_a_visitor_who_chose_in_the_cookie_bar_still_gets_a_public_page_keyed_by_cookie(
    visitor, ad
):
    visitor.post(
        reverse("cookie_consent_decline"),
        {"cookie_groups": ["statistics", "marketing"]},
        headers={"Origin": SITE},
    )

    response = visitor.get(reverse("jobs:home"))

    assert_shareable(response)
    assert 'class="cookie-bar"' not in response.text


def test_a_visitor_counted_for_statistics_is_asked_for_by_the_server_each_time(visitor, ad):
    visitor.post(
        reverse("cookie_consent_accept"),
        {"cookie_groups": ["statistics"]},
        headers={"Origin": SITE},
    )

    response = visitor.get(reverse("jobs:home"))

    assert response["Cache-Control"] == "public, no-cache"


def test_a_signed_in_person_gets_private_public_pages_and_unstored_personal_ones(ad):
    client = Client()
    client.force_login(UserFactory())

    for name, url in public_pages(ad).items():
        assert client.get(url)["Cache-Control"] == "private", name
    assert client.get(ad.get_absolute_url())["Cache-Control"] == "private"
    for name in ("accounts:overview", "jobs:saved_list", "jobs:my_applications"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert response["Cache-Control"] == "private, no-store", name


def test_a_visitor_with_a_session_cookie_gets_a_private_page(visitor, ad, settings):
    visitor.cookies[settings.SESSION_COOKIE_NAME] = "a-session-that-may-hold-messages"

    response = visitor.get(reverse("jobs:home"))

    assert response["Cache-Control"] == "private"


def test_pages_with_a_form_and_a_token_are_not_public(visitor):
    for url in (reverse("account_login"), reverse("support:contact")):
        response = visitor.get(url)
        assert response.status_code == 200
        assert "csrfmiddlewaretoken" in response.text
        assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))


def test_a_post_and_its_answer_are_private(visitor, ad):
    response = visitor.post(
        reverse("newsletter:signup"),
        {"newsletter-email": "not-an-address"},
        headers={"Origin": SITE},
    )

    assert response.status_code == 400
    assert response["Cache-Control"] == "private, no-store"


def test_a_missing_page_is_not_public(visitor, taxonomy):
    response = visitor.get(reverse("jobs:detail", args=[987654]))

    assert response.status_code == 404
    assert "public" not in response["Cache-Control"]


def test_a_view_that_sets_its_own_cache_control_keeps_it(visitor):
    assert visitor.get(reverse("healthz"))["Cache-Control"].startswith("max-age=0")


# --- The forms of public pages: no token, the browser's word that they come from the site.


def test_the_cookie_bar_works_without_a_token_from_the_sites_own_page(visitor, ad):
    assert 'class="cookie-bar"' in visitor.get(reverse("jobs:home")).text

    response = visitor.post(
        reverse("cookie_consent_accept"),
        {"cookie_groups": ["statistics", "marketing"], "next": "/"},
        headers={"Sec-Fetch-Site": "same-origin", "Origin": SITE},
    )

    assert response.status_code == 302
    assert CookieChoice.objects.filter(action="accept").count() == 1
    assert 'class="cookie-bar"' not in visitor.get(reverse("jobs:home")).text


def test_the_footer_newsletter_sign_up_works_without_a_token(visitor, ad):
    response = visitor.post(
        reverse("newsletter:signup"),
        {"newsletter-email": "ny@example.se", "newsletter-source": "footer"},
        headers={"Sec-Fetch-Site": "same-origin"},
    )

    assert response.status_code == 302
    assert Subscriber.objects.filter(email="ny@example.se").exists()


def test_the_language_switch_works_without_a_token(visitor):
    response = visitor.post(
        reverse("set_language"), {"language": "en", "next": "/"}, headers={"Origin": SITE}
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_showing_the_contact_person_and_applying_elsewhere_work_without_a_token(visitor, ad):
    reveal = visitor.post(
        reverse("jobs:reveal_contact", args=[ad.pk]), headers={"Sec-Fetch-Site": "same-origin"}
    )
    apply = visitor.post(reverse("jobs:apply_external", args=[ad.pk]), headers={"Origin": SITE})

    assert reveal.status_code == 302 and "contact=" in reveal["Location"]
    assert ContactView.objects.filter(ad=ad).count() == 1
    assert apply.status_code == 302 and apply["Location"] == "https://jobb.example.se/ansok"
    assert ApplyClick.objects.filter(ad=ad).count() == 1


def test_the_ad_page_with_the_contact_person_shown_is_not_for_a_shared_cache(visitor, ad):
    reveal = visitor.post(
        reverse("jobs:reveal_contact", args=[ad.pk]), headers={"Sec-Fetch-Site": "same-origin"}
    )
    page = visitor.get(reveal["Location"])
    assert ad.contact_email in page.text
    assert page["Cache-Control"] == "private, no-store"
    assert "public" in visitor.get(ad.get_absolute_url())["Cache-Control"]  # without it


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": "https://sub.testserver"},
        {"Sec-Fetch-Site": "cross-site", "Origin": SITE},
        {"Sec-Fetch-Site": "same-origin", "Origin": "null"},
        {},
    ],
    ids=["other origin", "cross-site", "same-site", "disagreeing", "null origin", "no headers"],
)
def test_a_form_sent_from_elsewhere_or_saying_nothing_is_refused_with_the_sites_403(
    visitor, ad, headers
):
    posts = {
        reverse("cookie_consent_accept"): {"cookie_groups": ["statistics"]},
        reverse("newsletter:signup"): {"newsletter-email": "ny@example.se"},
        reverse("set_language"): {"language": "en", "next": "/"},
        reverse("jobs:reveal_contact", args=[ad.pk]): {},
        reverse("jobs:apply_external", args=[ad.pk]): {},
    }
    for url, data in posts.items():
        response = visitor.post(url, data, headers=headers)
        assert response.status_code == 403, url
        assert "Formuläret är för gammalt" in response.text, url

    assert not CookieChoice.objects.exists()
    assert not Subscriber.objects.exists()
    assert not ContactView.objects.exists() and not ApplyClick.objects.exists()


def test_the_refusal_speaks_the_language_of_the_page(visitor, ad):
    with translation.override("en"):
        with_english = reverse("jobs:reveal_contact", args=[ad.pk])
    response = visitor.post(with_english, headers={"Origin": "https://evil.example"})

    assert response.status_code == 403
    assert "The form has expired" in response.text


def test_a_trusted_origin_is_accepted(visitor, ad, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.example.se"]

    response = visitor.post(
        reverse("jobs:apply_external", args=[ad.pk]), headers={"Origin": "https://www.example.se"}
    )

    assert response.status_code == 302


def test_every_other_form_still_needs_its_token(ad):
    client = Client(enforce_csrf_checks=True, headers={"Sec-Fetch-Site": "same-origin"})
    seeker = UserFactory()
    client.force_login(seeker)

    response = client.post(reverse("account_login"), {}, headers={"Origin": SITE})
    assert response.status_code == 403
    # The application form, refused as well, leads back to itself (its draft is in the tab).
    form = reverse("jobs:apply", args=[ad.pk])
    response = client.post(form, {"message": "Hej!"}, headers={"Origin": SITE})
    assert (response.status_code, response["Location"]) == (302, form)
    assert not Application.objects.exists()
