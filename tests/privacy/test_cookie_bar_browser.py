"""The cookie bar in a real browser with JavaScript switched off."""

import os

import pytest

from tests.e2e.conftest import (  # noqa: F401  (the project's Chromium set-up)
    CHROMIUM_PATH,
    browser_context_args,
    browser_type_launch_args,
)
from tests.factories.privacy import create_cookie_rows

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM_PATH) and not os.environ.get("CI"),
        reason=f"no Chromium at {CHROMIUM_PATH}",
    ),
]


@pytest.fixture
def no_js_page(browser, live_server, settings):
    settings.FACEBOOK_PIXEL_ID = "1234567890"
    create_cookie_rows()
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_accepting_cookies_works_without_javascript_and_only_then_loads_the_pixel(
    no_js_page, live_server
):
    page = no_js_page
    page.goto(f"{live_server.url}/integritet/")
    bar = page.locator("section.cookie-bar")
    assert bar.is_visible()
    assert "fbq(" not in page.content()
    bar.get_by_role("button", name="Godkänn alla").click()
    page.wait_for_url(f"{live_server.url}/integritet/")
    assert page.locator("section.cookie-bar").count() == 0
    assert "fbq('init', '1234567890')" in page.content()


def test_only_necessary_keeps_marketing_scripts_away(no_js_page, live_server):
    page = no_js_page
    page.goto(f"{live_server.url}/integritet/")
    page.get_by_role("button", name="Bara nödvändiga").click()
    page.wait_for_url(f"{live_server.url}/integritet/")
    assert page.locator("section.cookie-bar").count() == 0
    assert "fbq(" not in page.content()
