import pytest
from cookie_consent.models import Cookie, CookieGroup

from privacy import cookies
from tests.factories.privacy import create_cookie_rows

pytestmark = pytest.mark.django_db
PIXEL = "fbq('init', '1234567890')"


@pytest.fixture(autouse=True)
def _cookie_groups():
    create_cookie_rows()


@pytest.fixture
def pixel(settings):
    settings.FACEBOOK_PIXEL_ID = "1234567890"


def test_the_cookie_groups_and_cookies_exist_from_the_migration():
    groups = {g.varname: g for g in CookieGroup.objects.all()}
    assert set(groups) == {"necessary", "statistics", "marketing"}
    assert groups["necessary"].is_required and not groups["marketing"].is_required
    necessary = set(
        Cookie.objects.filter(cookiegroup__varname="necessary").values_list("name", flat=True)
    )
    assert necessary == {"sessionid", "csrftoken", "django_language", "cookie_consent"}
    assert Cookie.objects.filter(cookiegroup__varname="marketing", name="_fbp").exists()


def test_the_cookie_page_lists_each_cookie_with_purpose_and_lifetime_in_swedish(client, pixel):
    page = client.get("/kakor/").text
    assert "Nödvändiga kakor" in page and "Marknadsföringskakor" in page
    assert '<code class="cookie-name">sessionid</code>' in page
    assert "Håller dig inloggad" in page
    assert "14 dagar" in page  # SESSION_COOKIE_AGE
    assert "90 dagar" in page  # _fbp


def test_without_a_pixel_nobody_is_asked_to_accept_marketing_cookies(client):
    """The notice names the Pixel only when it is set up (FACEBOOK_PIXEL_ID): the bar and
    the cookie page ask for no more than the site does."""
    home = client.get("/").text
    assert 'class="cookie-bar"' in home and "Facebook" not in home
    assert 'value="marketing"' not in home and 'value="statistics"' in home
    page = client.get("/kakor/").text
    assert "Statistikkakor" in page
    assert "Marknadsföringskakor" not in page and "_fbp" not in page
    assert "Facebook" not in cookies.notice_text()


def test_with_a_pixel_the_bar_asks_for_marketing_too(client, pixel):
    home = client.get("/").text
    assert 'value="marketing"' in home and "Facebook-pixeln" in home


def test_the_cookie_page_in_english(client):
    page = client.get("/en/cookies/").text
    assert "Necessary cookies" in page and "Remembers the language you chose." in page


def test_the_cookie_bar_shows_until_the_visitor_chooses_and_works_without_javascript(client):
    page = client.get("/").text
    assert 'class="cookie-bar"' in page
    assert 'action="/kakor/accept/"' in page and 'action="/kakor/decline/"' in page
    response = client.post(
        "/kakor/decline/", {"cookie_groups": ["statistics", "marketing"], "next": "/"}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert 'class="cookie-bar"' not in client.get("/").text


def test_marketing_scripts_render_only_after_consent(client, pixel):
    assert PIXEL not in client.get("/").text
    client.post("/kakor/accept/", {"cookie_groups": ["marketing"]})
    page = client.get("/").text
    assert PIXEL in page
    # Never with advanced matching: init gets no customer data.
    assert "fbq('init', '1234567890', " not in page


def test_the_pixel_is_only_on_public_pages_never_on_a_token_or_personal_page(client, pixel):
    """The Pixel sends Facebook the page's address: a link's token must not go with it."""
    client.post("/kakor/accept/", {"cookie_groups": ["marketing"]})
    assert PIXEL in client.get("/jobb/").text and PIXEL in client.get("/integritet/").text
    token_pages = (
        "/jobb/bevakningar/avsluta/nagot-token/",
        "/behall-konto/4:nagot-token/",
        "/kontakt/",
        "/konto/logga-in/",
    )
    for path in token_pages:
        assert PIXEL not in client.get(path).text, path


def test_declining_marketing_keeps_the_pixel_away(client, pixel):
    client.post("/kakor/accept/", {"cookie_groups": ["marketing"]})
    client.post("/kakor/decline/", {"cookie_groups": ["marketing"]})
    assert PIXEL not in client.get("/").text


def test_on_a_phone_the_cookie_tables_stack_and_only_a_cookies_name_may_break(client):
    """Each cookie a card on a phone, each cell labelled; the name (code) may break
    anywhere, the words of its purpose never mid-word (the fixed table cut them)."""
    page = client.get("/kakor/").text
    assert 'class="stack-table cookie-table"' in page
    assert '<code class="cookie-name">sessionid</code>' in page
    assert 'data-label="Ändamål"' in page and 'data-label="Livslängd"' in page
