import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_home_page_shows_site_name_and_privacy_link(live_server, page, settings, taxonomy):
    page.goto(live_server.url + "/")

    expect(page.get_by_role("banner").get_by_role("link", name=settings.SITE_NAME)).to_be_visible()
    footer = page.get_by_role("contentinfo")
    privacy_link = footer.get_by_role("link", name="Integritetspolicy")
    expect(privacy_link).to_be_visible()
    privacy_link.click()
    expect(page).to_have_url(live_server.url + "/integritet/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Integritetspolicy")
