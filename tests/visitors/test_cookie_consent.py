"""Cookie consent with proof: nothing optional before a choice, a proof row per choice, a
new wording asks again, the Pixel only after marketing consent and gone after withdrawal."""

import pytest
from cookie_consent.models import Cookie, CookieGroup
from cookie_consent.util import parse_cookie_str

from privacy import cookies
from privacy.models import ConsentWording, Purpose
from visitors.models import CookieChoice

pytestmark = pytest.mark.django_db
PIXEL = "fbq('init', '1234567890')"
NECESSARY = {"sessionid", "csrftoken", "django_language", "cookie_consent"}


def consent_cookie(client):
    return parse_cookie_str(client.cookies["cookie_consent"].value)


def test_before_a_choice_no_pixel_and_only_necessary_cookies(browser_client, pixel):
    for url in ("/", "/en/", "/jobb/", "/kakor/", "/integritet/"):
        response = browser_client.get(url)
        assert PIXEL not in response.text and "fbevents.js" not in response.text
        assert set(response.cookies) <= NECESSARY, url
        assert "cookie_consent" not in response.cookies


def test_accepting_writes_a_proof_row_with_the_wording_version(browser_client, frozen_now):
    browser_client.post("/kakor/accept/", {"cookie_groups": ["statistics", "marketing"]})
    choice = CookieChoice.objects.get()
    state = consent_cookie(browser_client)
    assert choice.action == "accept" and choice.groups == ["marketing", "statistics"]
    assert choice.accepted == ["marketing", "statistics"] and choice.declined == []
    assert choice.visitor_id == state["id"] and len(choice.visitor_id) == 32
    assert choice.occurred_at == frozen_now
    assert choice.wording.purpose == Purpose.COOKIES
    assert choice.wording.text == cookies.notice_text()
    assert state["v"] == cookies.notice_version()


def test_declining_writes_a_proof_row_under_the_same_visitor(browser_client):
    browser_client.post("/kakor/accept/", {"cookie_groups": ["marketing"]})
    browser_client.post("/kakor/decline/", {"cookie_groups": ["statistics", "marketing"]})
    first, second = CookieChoice.objects.order_by("pk")
    assert second.action == "decline" and second.declined == ["marketing", "statistics"]
    assert first.visitor_id == second.visitor_id
    assert first.wording_id == second.wording_id  # one wording, one version
    assert ConsentWording.objects.filter(purpose=Purpose.COOKIES).count() == 1


def test_a_bad_choice_is_refused_without_a_proof_row_or_a_500(browser_client):
    response = browser_client.post("/kakor/accept/", {"cookie_groups": ["nonsense"]})
    assert response.status_code < 500
    assert not CookieChoice.objects.exists()


def test_the_pixel_comes_after_marketing_consent_and_goes_on_withdrawal(browser_client, pixel):
    browser_client.post("/kakor/accept/", {"cookie_groups": ["marketing"]})
    page = browser_client.get("/").text
    assert PIXEL in page
    assert "fbq('init', '1234567890', " not in page  # never advanced matching
    browser_client.cookies["_fbp"] = "fb.1.123.456"
    response = browser_client.post("/kakor/decline/", {"cookie_groups": ["marketing"]})
    assert response.cookies["_fbp"]["max-age"] == 0  # the Pixel's cookie deleted
    assert PIXEL not in browser_client.get("/").text


def test_only_statistics_consent_sets_the_statistics_cookie_and_withdrawal_deletes_it(
    browser_client,
):
    response = browser_client.post("/kakor/accept/", {"cookie_groups": ["marketing"]})
    assert "visitor" not in response.cookies
    response = browser_client.post("/kakor/accept/", {"cookie_groups": ["statistics"]})
    assert len(response.cookies["visitor"].value) == 32
    assert response.cookies["visitor"]["httponly"]
    response = browser_client.post("/kakor/decline/", {"cookie_groups": ["statistics"]})
    assert response.cookies["visitor"]["max-age"] == 0


def test_a_new_wording_asks_again_and_withdraws_what_was_accepted(
    browser_client, pixel, monkeypatch
):
    browser_client.post("/kakor/accept/", {"cookie_groups": ["statistics", "marketing"]})
    assert PIXEL in browser_client.get("/").text
    monkeypatch.setattr(cookies, "BANNER", "A changed banner text.")
    browser_client.cookies["_fbp"] = "fb.1.123.456"
    response = browser_client.get("/")
    assert 'class="cookie-bar"' in response.text and PIXEL not in response.text
    assert response.cookies["_fbp"]["max-age"] == 0
    assert response.cookies["visitor"]["max-age"] == 0
    old_id = consent_cookie(browser_client)["id"]
    browser_client.post("/kakor/decline/", {"cookie_groups": ["statistics", "marketing"]})
    latest = CookieChoice.objects.latest("pk")
    assert latest.visitor_id == old_id  # the same visitor, asked again
    assert latest.wording.version == 2 and latest.wording.text.startswith("A changed banner")


def test_a_new_cookie_in_the_list_is_a_new_version():
    before = cookies.notice_version()
    group = CookieGroup.objects.get(varname="statistics")
    Cookie.objects.create(cookiegroup=group, name="_gcl_au", description="x")
    from cookie_consent.cache import delete_cache

    delete_cache()
    assert cookies.notice_version() != before


def test_the_cookie_page_lists_the_statistics_cookie_in_both_languages(browser_client):
    page = browser_client.get("/kakor/").text
    assert '<code class="cookie-name">visitor</code>' in page and "1 år" in page
    page = browser_client.get("/en/cookies/").text
    assert "A random visitor number that counts your visits and page views." in page


def test_the_consent_cookie_is_secure_over_https(browser_client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = browser_client.post(
        "/kakor/accept/",
        {"cookie_groups": ["statistics"]},
        HTTP_X_FORWARDED_PROTO="https",
    )
    assert response.cookies["cookie_consent"]["secure"]
    assert response.cookies["visitor"]["secure"]


def test_every_cookie_of_our_own_is_on_the_cookie_page(settings):
    """Only cookies the site really sets are listed, and every one it sets is: messages
    ride in the session, so there is no `messages` cookie to list."""
    assert settings.MESSAGE_STORAGE.endswith("SessionStorage")
    ours = {
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        settings.LANGUAGE_COOKIE_NAME,
        settings.COOKIE_CONSENT_NAME,
        cookies.VISITOR_COOKIE,
    }
    listed = set(Cookie.objects.filter(domain="").values_list("name", flat=True))
    assert listed == ours | {"_fbp"}  # the Pixel's own, set by its script on our domain


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("/kakor/", "Vi förstod inte ditt val"),
        ("/en/cookies/", "We did not understand your choice"),
    ],
)
@pytest.mark.parametrize("action", ["accept", "decline"])
def test_an_unknown_cookie_group_leads_back_to_the_cookie_page_with_a_message(
    browser_client, prefix, message, action
):
    response = browser_client.post(
        f"{prefix}{action}/", {"cookie_groups": ["nosuchgroup"]}, follow=True
    )
    assert response.redirect_chain == [(prefix, 302)]
    assert response.status_code == 200
    assert "<!doctype html>" in response.text and message in response.text
    assert "errorlist" not in response.text
    assert "cookie_consent" not in response.cookies
    assert not CookieChoice.objects.exists()


@pytest.mark.parametrize("prefix", ["/kakor/", "/en/cookies/"])
@pytest.mark.parametrize("action", ["accept", "decline"])
def test_opening_the_choice_addresses_in_a_browser_leads_to_the_cookie_page(
    browser_client, prefix, action
):
    response = browser_client.get(f"{prefix}{action}/")
    assert response.status_code == 302 and response["Location"] == prefix


@pytest.mark.parametrize("prefix", ["/kakor/", "/en/cookies/"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_group_name_in_the_address_answers_the_sites_404_page(browser_client, prefix, method):
    response = getattr(browser_client, method)(f"{prefix}accept/nosuchgroup/")
    assert response.status_code == 404
    assert "<!doctype html>" in response.text and 'class="site-header' in response.text
