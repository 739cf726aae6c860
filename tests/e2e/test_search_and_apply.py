"""The main flow in Chromium: a visitor finds an ad and reveals the contact person, a
seeker applies with a CV, the employer reads the application, opens the CV and marks it
reviewed."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from accounts.models import Document
from jobs.models import Application, ContactView
from tests.factories import AdFactory, MembershipFactory, UserFactory
from tests.factories.accounts import pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
# Headless Chromium names itself "HeadlessChrome", which the view counter treats as a bot.
DESKTOP_CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0 Safari/537.36"
)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "user_agent": DESKTOP_CHROME}


def sign_in(context, live_server, user):
    """Put a signed-in session into the browser (the sign-in form has its own tests)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_search_reveal_apply_and_review(live_server, page, taxonomy, tmp_path):
    ad = AdFactory(title="Backendutvecklare", description="Vi söker en utvecklare i Python.")
    AdFactory(title="Kock", description="Restaurang i city.")
    employer = MembershipFactory(company=ad.company).user
    seeker = UserFactory(first_name="Åsa", last_name="Öberg")

    # A visitor searches, opens the ad and reveals the contact person.
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox").first.fill("utvecklare")
    page.get_by_role("search").first.get_by_role("button", name="Sök").click()
    expect(page.get_by_role("link", name="Backendutvecklare", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Kock")).to_have_count(0)
    page.get_by_role("link", name="Backendutvecklare", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Backendutvecklare")
    expect(page.get_by_text("karin.lind@foretaget.se")).to_have_count(0)
    page.get_by_role("button", name="Visa kontaktuppgifter").click()
    expect(page.get_by_text("karin.lind@foretaget.se")).to_be_visible()
    expect(page.get_by_text("Karin Lind")).to_be_visible()
    assert ContactView.objects.filter(ad=ad).count() == 1

    # A seeker applies with a CV uploaded on the spot.
    sign_in(page.context, live_server, seeker)
    page.goto(live_server.url + ad.get_absolute_url())
    page.get_by_role("link", name="Sök jobbet").click()
    page.get_by_label("Meddelande till arbetsgivaren").fill("Hej! Jag brinner för Python.")
    cv = tmp_path / "Åsa CV.pdf"
    cv.write_bytes(pdf_bytes("Asa Oberg CV"))
    page.get_by_label("Eller ladda upp ett dokument").set_input_files(str(cv))
    page.get_by_role("button", name="Skicka ansökan").click()
    expect(page.get_by_role("heading", name="Ansökan skickad")).to_be_visible()
    application = Application.objects.get(ad=ad, seeker=seeker)
    assert not Document.objects.filter(owner=seeker).exists()  # copied, not kept in library

    # The employer opens the inbox, reads the application, opens the CV, marks it reviewed.
    employer_context = page.context.browser.new_context(locale="sv-SE")
    employer_page = employer_context.new_page()
    sign_in(employer_context, live_server, employer)
    employer_page.goto(live_server.url + "/arbetsgivare/ansokningar/")
    employer_page.get_by_role("link", name="Backendutvecklare", exact=True).click()
    employer_page.get_by_role("link", name="Åsa Öberg").click()
    expect(employer_page.get_by_text("Hej! Jag brinner för Python.")).to_be_visible()
    cv_link = employer_page.get_by_role("link", name="Åsa CV")
    expect(cv_link).to_be_visible()
    response = employer_context.request.get(live_server.url + cv_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    assert response.body().startswith(b"%PDF")
    employer_page.get_by_label("Status", exact=True).select_option(label="Granskad")
    employer_page.get_by_role("button", name="Spara").click()
    expect(employer_page.get_by_text("Ansökan har uppdaterats.")).to_be_visible()
    application.refresh_from_db()
    assert application.status == "reviewed"
    assert re.search(r"\d{4}-\d{2}-\d{2}", employer_page.content())
    employer_context.close()
