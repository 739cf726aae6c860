"""The cookie banner, the cookie page and the contact form in Chromium: the banner's size
on a phone, declining, accepting marketing from the cookie page, and axe's WCAG rules."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories.privacy import create_cookie_rows
from visitors.models import CookieChoice

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def site(live_server, settings):
    settings.FACEBOOK_PIXEL_ID = "1234567890"
    create_cookie_rows()
    return live_server.url


@pytest.fixture
def phone(browser, site):
    context = browser.new_context(viewport=PHONE, locale="sv-SE", timezone_id="Europe/Stockholm")
    context.route("**/*facebook*/**", lambda route: route.abort())  # nothing leaves the test
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _violations(page):
    results = Axe().run(page, options=WCAG)
    return [(v["id"], v["help"], len(v["nodes"])) for v in results.response["violations"]]


def _cookie_names(page):
    return {cookie["name"] for cookie in page.context.cookies()}


def test_the_banner_takes_at_most_a_fifth_of_a_phone_screen(phone, site):
    phone.goto(f"{site}/")
    bar = phone.locator("section.cookie-bar")
    box = bar.bounding_box()
    print(f"cookie banner at 390x844: {box['height']:.0f} px high ({box['height'] / 844:.1%})")
    assert box["height"] <= 844 / 5
    assert box["y"] + box["height"] <= 844 + 1  # on the first screen
    # In the page's flow, above the header: it never covers content or a focused control
    # (WCAG 2.4.11), also when the page is scrolled.
    header = phone.locator("header.site-header").bounding_box()
    assert box["y"] + box["height"] <= header["y"] + 1
    phone.evaluate("window.scrollTo(0, 2000)")
    assert phone.evaluate("window.scrollY") > 0
    assert bar.bounding_box()["y"] < 0  # scrolled away with the page, not stuck on top of it
    for name in ("Godkänn alla", "Bara nödvändiga"):
        button = bar.get_by_role("button", name=name).bounding_box()
        assert button["height"] >= 44 and button["x"] + button["width"] <= 390  # touch size
    assert _violations(phone) == []


def test_the_banner_on_a_desktop_screen(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{site}/")
    box = page.locator("section.cookie-bar").bounding_box()
    print(f"cookie banner at 1280x800: {box['height']:.0f} px high")
    assert box["height"] <= 800 / 5
    context.close()


def test_declining_sets_no_optional_cookie_and_writes_the_proof(phone, site):
    phone.goto(f"{site}/jobb/")
    assert "fbq(" not in phone.content()
    assert _cookie_names(phone) <= {"csrftoken", "sessionid", "django_language"}
    phone.get_by_role("button", name="Bara nödvändiga").click()
    phone.wait_for_url(f"{site}/jobb/")
    assert phone.locator("section.cookie-bar").count() == 0
    assert "fbq(" not in phone.content()
    assert "visitor" not in _cookie_names(phone) and "_fbp" not in _cookie_names(phone)
    choice = CookieChoice.objects.get()
    assert choice.action == "decline" and choice.declined == ["marketing", "statistics"]


def test_the_cookie_page_lists_every_cookie_and_accepts_marketing(phone, site):
    phone.goto(f"{site}/kakor/")
    for name in ("sessionid", "csrftoken", "django_language", "cookie_consent", "visitor", "_fbp"):
        assert phone.locator("code", has_text=name).first.is_visible(), name
    assert _violations(phone) == []
    marketing = phone.locator("#cookies-marketing")
    marketing.get_by_role("button", name="Godkänn").click()
    phone.wait_for_load_state()
    phone.goto(f"{site}/")
    assert "fbq('init', '1234567890')" in phone.content()
    assert CookieChoice.objects.get().accepted == ["marketing"]
    phone.goto(f"{site}/kakor/")
    phone.locator("#cookies-marketing").get_by_role("button", name="Avböj").click()
    phone.wait_for_load_state()
    phone.goto(f"{site}/")
    assert "fbq(" not in phone.content()


def test_the_contact_form_has_no_wcag_violations_and_sends(phone, site):
    phone.goto(f"{site}/kontakt/")
    assert _violations(phone) == []
    phone.get_by_label("Ditt namn").fill("Anna Andersson")
    phone.get_by_label("Din e-postadress").fill("anna@example.se")
    phone.get_by_label("Ämne").fill("En fråga")
    phone.get_by_label("Meddelande").fill("Hej!")
    phone.get_by_role("button", name="Skicka").click()
    phone.wait_for_url(f"{site}/kontakt/skickat/")
    assert phone.get_by_role("heading", name="Tack för ditt meddelande").is_visible()


def test_accepting_works_from_a_page_a_cdn_may_keep_which_carries_no_token(phone, site):
    response = phone.goto(f"{site}/")
    assert response.headers["cache-control"] == "public, max-age=60"
    assert "set-cookie" not in response.headers
    assert "csrfmiddlewaretoken" not in phone.content()
    assert _cookie_names(phone) == set()
    phone.locator("section.cookie-bar").get_by_role("button", name="Godkänn alla").click()
    phone.wait_for_url(f"{site}/")
    assert phone.locator("section.cookie-bar").count() == 0
    assert {"cookie_consent", "visitor"} <= _cookie_names(phone)
    assert CookieChoice.objects.get().action == "accept"
