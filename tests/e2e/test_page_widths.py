"""No page is wider than a phone: about 25 pages (public, seeker, employer) are measured at
320 and 390 px, and screenshots at 390 and 1280 px are saved under var/screenshots/ (outside
git) so that a person can look at them."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from jobs.models import Ad
from tests.e2e.signing import sign_in
from tests.factories import AdFactory
from tests.factories.accounts import DocumentFactory, SeekerProfileFactory, UserFactory
from tests.factories.companies import MembershipFactory, ProductFactory
from tests.factories.jobs import ApplicationFactory, ClosedAdFactory, JobAlertFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}
PHONE_WIDTHS = (320, 390)
SHOT_WIDTHS = (390, 1280)
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "var/screenshots"))
LONG_TITLE = "Undersköterska till hemtjänsten i Örnsköldsvik " + "Sjukvårdsbiträdesutbildning" * 3


def _axe_violations(page):
    results = Axe().run(page, options=WCAG)
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def _too_wide(page, base, role, paths):
    """Visits each path at each phone width; returns {path@width: scrollWidth} for the pages
    wider than the viewport, and saves the screenshots on the way."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    wide = {}
    for path in paths:
        slug = path.strip("/").replace("/", "_").replace("?", "_").replace("=", "-")
        name = role + (slug or "home")
        for width in sorted({*PHONE_WIDTHS, *SHOT_WIDTHS}):
            page.set_viewport_size({"width": width, "height": 844 if width < 1000 else 900})
            response = page.goto(base + path)
            assert response is not None and response.status < 400, (
                path,
                response and response.status,
            )
            if width in PHONE_WIDTHS:
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    wide[f"{path}@{width}"] = scroll
            if width in SHOT_WIDTHS:
                page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
                for number, rule in enumerate(_axe_violations(page)):
                    wide[f"{path}@{width} axe {number}"] = rule
    return wide


@pytest.fixture
def board(taxonomy):
    ProductFactory()
    employer = UserFactory(email="rekryterare@tallbo.se", first_name="Karin", last_name="Lind")
    company = MembershipFactory(user=employer, company__name="Tallbo Snickeri AB").company
    ad = AdFactory(company=company, title=LONG_TITLE)
    not_applied = AdFactory.create_batch(3, company=company)[0]
    closed = ClosedAdFactory(company=company)
    draft = AdFactory(company=company, status=Ad.Status.DRAFT, published_at=None, ends_at=None)
    seeker = UserFactory(email="asa.oberg.med.ett.langt.namn@exempel-foretaget.se")
    SeekerProfileFactory(user=seeker)
    DocumentFactory(owner=seeker, title="Mitt_CV_med_ett_valdigt_langt_filnamn_2026_version_3.pdf")
    DocumentFactory(owner=seeker, title="a" * 150)  # a name with nowhere to break
    application = ApplicationFactory(ad=ad, seeker=seeker)
    JobAlertFactory(user=seeker)
    return {
        "employer": employer,
        "company": company,
        "ad": ad,
        "closed": closed,
        "draft": draft,
        "seeker": seeker,
        "application": application,
        "not_applied": not_applied,
    }


def test_public_pages_fit_a_phone(live_server, page, board):
    ad, closed = board["ad"], board["closed"]
    paths = [
        "/",
        "/en/",
        "/jobb/",
        "/jobb/?q=inget-finns-har",
        f"/jobb/{ad.pk}/",
        f"/jobb/{closed.pk}/",
        f"/kontakt/anmal-annons/{ad.pk}/",
        "/priser/",
        "/integritet/",
        "/kakor/",
        "/konto/logga-in/",
        "/konto/registrera/",
    ]
    wide = _too_wide(page, live_server.url, "public-", paths)
    assert not wide, f"wider than the phone: {wide}"


def test_seeker_pages_fit_a_phone(live_server, page, board):
    sign_in(page, live_server.url, board["seeker"].email)
    paths = [
        "/mina-sidor/",
        "/mina-sidor/profil/",
        "/mina-sidor/dokument/",
        "/mina-sidor/mina-uppgifter/",
        "/mina-sidor/ansokningar/",
        "/mina-sidor/ta-bort-konto/",
        "/jobb/bevakningar/",
        "/jobb/bevakningar/ny/",
        f"/jobb/{board['closed'].pk}/",
        f"/jobb/{board['not_applied'].pk}/ansok/",  # the document library, long names
    ]
    wide = _too_wide(page, live_server.url, "seeker-", paths)
    assert not wide, f"wider than the phone: {wide}"


def test_employer_pages_fit_a_phone(live_server, page, board):
    sign_in(page, live_server.url, board["employer"].email)
    company, ad, draft = board["company"], board["ad"], board["draft"]
    paths = [
        "/arbetsgivare/",
        f"/arbetsgivare/{company.pk}/",
        f"/arbetsgivare/{company.pk}/uppgifter/",
        f"/arbetsgivare/{company.pk}/annonser/ny/",
        f"/arbetsgivare/annonser/{draft.pk}/andra/",
        f"/arbetsgivare/annonser/{draft.pk}/forhandsvisning/",
        f"/arbetsgivare/annonser/{draft.pk}/bestall/",
        "/arbetsgivare/ansokningar/",
        f"/arbetsgivare/ansokningar/{board['application'].pk}/",
        f"/arbetsgivare/annonser/{ad.pk}/ansokningar/",
    ]
    wide = _too_wide(page, live_server.url, "employer-", paths)
    assert not wide, f"wider than the phone: {wide}"


def test_on_a_phone_the_header_is_one_row_and_the_menu_opens_without_javascript(
    live_server, browser, board
):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=False, locale="sv-SE"
    )
    page = context.new_page()
    page.goto(live_server.url + "/jobb/")
    banner = page.get_by_role("banner")
    assert banner.bounding_box()["height"] <= 80
    find_jobs = banner.get_by_role("link", name="Hitta jobb")
    assert not find_jobs.is_visible()

    banner.get_by_text("Meny").click()
    assert find_jobs.is_visible()
    banner.get_by_text("Meny").click()
    assert not find_jobs.is_visible()

    # Results come first: the filters are folded, and open with one tap.
    region = page.get_by_label("Län")
    assert not region.is_visible()
    page.get_by_text("Filter", exact=True).click()
    assert region.is_visible()
    context.close()


@pytest.mark.parametrize("who", ["seeker", "employer"])
def test_on_a_desktop_the_header_is_one_row_for_a_signed_in_person(live_server, page, board, who):
    """Every link of a signed-in person's menu on one line at 1280 px: "Sign out" fell to a
    second row for a job seeker."""
    sign_in(page, live_server.url, board[who].email)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/jobb/")
    banner = page.get_by_role("banner")
    sign_out = banner.get_by_role("button", name="Logga ut")
    find_jobs = banner.get_by_role("link", name="Hitta jobb")
    assert sign_out.is_visible() and find_jobs.is_visible()
    middle = [
        (b["y"] + b["height"] / 2) for b in (sign_out.bounding_box(), find_jobs.bounding_box())
    ]
    assert abs(middle[0] - middle[1]) < 10, middle  # on one line
    assert banner.bounding_box()["height"] <= 80


def test_the_ad_form_shows_the_link_field_only_when_applying_on_a_website(live_server, page, board):
    sign_in(page, live_server.url, board["employer"].email)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/arbetsgivare/{board['company'].pk}/annonser/ny/")
    link = page.locator("#id_apply_url")
    assert not link.is_visible()

    page.get_by_label("På arbetsgivarens webbplats").check()
    assert link.is_visible()
    assert page.get_by_text("Ansökningslänk").is_visible()
    page.get_by_label("Meddelas före intervjun").check()
    assert not page.locator("#id_salary_min").is_visible()
