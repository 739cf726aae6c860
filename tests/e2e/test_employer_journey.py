"""An employer's whole journey in Chromium: sign in, register the company (a wrong
organisation number is refused first), write an ad, preview it, order it, download the
invoice PDF, and find the ad in public search."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from companies.models import Company, Invoice
from jobs.models import Ad
from tests.factories.accounts import UserFactory
from tests.factories.companies import ProductFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "rekryterare@tallbo.se"
PASSWORD = "correct horse battery staple"


def test_an_employer_registers_writes_previews_orders_and_is_found(live_server, page, taxonomy):
    UserFactory(email=EMAIL)
    ProductFactory()  # the data migration's products are gone in transactional tests
    base = live_server.url

    page.goto(base + "/konto/logga-in/?next=/arbetsgivare/")
    page.locator("input[name=login]").fill(EMAIL)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.auth-form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrera ditt företag")

    page.get_by_label("Företagsnamn").fill("Tallbo Snickeri AB")
    page.get_by_label("Organisationsnummer").fill("556036-0794")
    page.get_by_label("Företagets e-postadress").fill("info@tallbo.se")
    page.get_by_label("Telefon").fill("0660-123 45")
    page.get_by_label("Gatuadress").fill("Storgatan 5")
    page.get_by_label("Postnummer").fill("891 33")
    page.get_by_label("Ort").fill("Örnsköldsvik")
    page.get_by_role("button", name="Registrera företaget").click()
    expect(page.locator(".errorlist")).to_contain_text("kontrollera den sista siffran")
    assert not Company.objects.exists()

    page.get_by_label("Organisationsnummer").fill("5560360793")
    page.get_by_role("button", name="Registrera företaget").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tallbo Snickeri AB")

    page.get_by_role("link", name="Skriv en ny annons").click()
    page.locator("#id_title").fill("Snickare till vår verkstad")
    page.locator("#id_description").fill("Vi söker en erfaren snickare till vår verkstad.")
    page.locator("#id_municipality").select_option(index=1)
    page.locator("#id_occupation").select_option(index=1)
    page.locator("#id_employment_type").select_option("permanent")
    page.locator("#id_extent").select_option("full_time")
    page.locator("#id_salary_min").fill("30 000")  # as Swedes write it: a number input refused it
    page.locator("#id_salary_max").fill("36\u00a0000 kr")
    last_day = timezone.localdate() + dt.timedelta(days=20)
    page.locator("#id_last_application_date").fill(last_day.isoformat())
    page.locator("#id_contact_name").fill("Tove Tallbo")
    page.locator("#id_contact_email").fill("tove@tallbo.se")
    page.get_by_role("button", name="Spara och fortsätt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beställ annonsen")

    page.get_by_role("link", name="Förhandsgranska annonsen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Snickare till vår verkstad")
    expect(page.get_by_text("Förhandsvisning: så här kommer din annons att se ut.")).to_be_visible()
    assert Ad.objects.get().status == Ad.Status.DRAFT
    assert (Ad.objects.get().salary_min, Ad.objects.get().salary_max) == (30_000, 36_000)
    page.get_by_role("link", name="Tillbaka till beställningen").click()

    page.get_by_role("radio", name=re.compile(r"^Annons 30 dagar")).check()
    page.get_by_role("button", name="Beställ och publicera").click()
    expect(page.get_by_text("Din annons är publicerad nu.")).to_be_visible()
    invoice = Invoice.objects.get()

    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"Faktura {invoice.number} (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"faktura-{invoice.number}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    page.goto(base + "/jobb/?q=snickare")
    expect(page.get_by_role("link", name="Snickare till vår verkstad")).to_be_visible()


WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def test_the_employer_pages_have_no_wcag_violations(live_server, page, taxonomy, client, settings):
    from axe_playwright_python.sync_playwright import Axe

    from tests.factories.companies import MembershipFactory, place_order
    from tests.factories.jobs import AdFactory

    membership = MembershipFactory()
    company = membership.company
    ad = AdFactory(company=company, status=Ad.Status.DRAFT, published_at=None, ends_at=None)
    place_order(ad=ad, product=ProductFactory())
    draft = AdFactory(company=company, status=Ad.Status.DRAFT, published_at=None, ends_at=None)
    client.force_login(membership.user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )

    for path in [
        "/priser/",
        "/arbetsgivare/registrera/",
        f"/arbetsgivare/{company.pk}/",
        f"/arbetsgivare/{company.pk}/annonser/ny/",
        f"/arbetsgivare/annonser/{draft.pk}/bestall/",
        f"/arbetsgivare/annonser/{ad.pk}/andra/",
    ]:
        page.goto(live_server.url + path)
        results = Axe().run(page, options=WCAG)
        violations = [(v["id"], v["help"], len(v["nodes"])) for v in results.response["violations"]]
        assert violations == [], path
