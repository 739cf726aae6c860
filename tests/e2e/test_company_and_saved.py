"""In a real browser at phone width: the company page with its logo, the heart on results
and on the ad page, the saved-jobs list; none wider than the phone, none with axe findings."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from companies.logos import clean_logo
from companies.services import logos
from jobs.models import SavedAd
from tests.factories import AdFactory
from tests.factories.accounts import UserFactory
from tests.factories.companies import CompanyFactory, png_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PASSWORD = "Sparade-jobb-2026"


def _violations(page):
    results = Axe().run(page, options=WCAG)
    return [(v["id"], v["help"], len(v["nodes"])) for v in results.response["violations"]]


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_seeker_saves_a_job_from_results_and_finds_it_on_the_company_page_and_list(
    live_server, page, taxonomy
):
    company = CompanyFactory(
        name="Smålandsbageriet AB", town="Växjö", description="Stenugnsbageri sedan 1952."
    )
    logos.set_logo(company=company, logo=clean_logo(png_bytes((600, 300))), by=None)
    ad = AdFactory(company=company, title="Bagare till stenugnen")
    AdFactory.create_batch(2)
    seeker = UserFactory(password=PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})
    base = live_server.url

    page.goto(base + "/konto/logga-in/")
    page.locator("input[name=login]").fill(seeker.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.auth-form button[type=submit]").click()

    page.goto(base + "/jobb/")
    card = page.locator(".ad-card", has_text="Bagare till stenugnen")
    card.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Jobbet är sparat.")).to_be_visible()
    assert SavedAd.objects.filter(user=seeker, ad=ad).exists()
    assert _fits(page)
    assert _violations(page) == []

    page.goto(base + ad.get_absolute_url())
    page.get_by_role("link", name="Smålandsbageriet AB").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Smålandsbageriet AB")
    expect(page.locator("img.company-logo-large")).to_be_visible()
    assert _fits(page)
    assert _violations(page) == []

    page.goto(base + "/mina-sidor/sparade-jobb/")
    expect(page.get_by_role("link", name="Bagare till stenugnen")).to_be_visible()
    assert _fits(page)
    assert _violations(page) == []
    page.get_by_role("button", name="Ta bort").click()
    expect(page.get_by_text("Du har inga sparade jobb.")).to_be_visible()
    assert not SavedAd.objects.exists()


def test_a_visitor_saves_a_job_by_signing_in_from_the_heart(live_server, page, taxonomy):
    ad = AdFactory(title="Bagare till stenugnen")
    seeker = UserFactory(password=PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/jobb/?q=bagare&sort=newest")

    card = page.locator(".ad-card", has_text="Bagare till stenugnen")
    card.get_by_role("link", name="Spara").click()
    page.locator("input[name=login]").fill(seeker.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.auth-form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spara jobbet?")
    assert _fits(page)
    assert _violations(page) == []
    page.get_by_role("button", name="Spara jobbet").click()

    expect(page.get_by_text("Jobbet är sparat.")).to_be_visible()
    assert page.url.split("#")[0].endswith("/jobb/?q=bagare&sort=newest")  # back at its card
    assert SavedAd.objects.filter(user=seeker, ad=ad).exists()
