"""The Content-Security-Policy in a real browser: the site's pages break none of it, and
the consent-gated Pixel runs under it with its nonce (tests/config/test_security_headers.py
checks the headers themselves)."""

import pytest
from django.urls import reverse

from tests.factories import AdFactory
from tests.factories.privacy import create_cookie_rows

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def watched(page):
    page.add_init_script(RECORD_VIOLATIONS)
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.cspViolations")


def test_the_public_pages_break_nothing_in_the_policy(live_server, watched, taxonomy):
    ad = AdFactory()
    for path in (
        "/",
        reverse("jobs:search") + "?q=utvecklare",
        ad.get_absolute_url(),
        reverse("account_login"),
        reverse("privacy:notice"),
    ):
        response = watched.goto(live_server.url + path)
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert violations(watched) == [], path


def test_the_pixel_runs_with_its_nonce_after_consent(live_server, watched, settings):
    settings.FACEBOOK_PIXEL_ID = "1234567890"
    create_cookie_rows()
    watched.goto(live_server.url + "/integritet/")
    assert watched.evaluate("typeof window.fbq") == "undefined"
    watched.get_by_role("button", name="Godkänn alla").click()
    watched.wait_for_url(live_server.url + "/integritet/")
    assert watched.evaluate("typeof window.fbq") == "function"  # the inline script ran
    assert violations(watched) == []
