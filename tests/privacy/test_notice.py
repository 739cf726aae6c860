import csv
import io

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Permission
from django.urls import translate_url
from pypdf import PdfReader

from privacy import registry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CSV_URL = "/integritet/register-over-behandlingar.csv"
PDF_URL = "/integritet/register-over-behandlingar.pdf"


def test_the_notice_is_published_in_swedish_and_english(client):
    swedish = client.get("/integritet/")
    english = client.get("/en/privacy/")
    assert swedish.status_code == english.status_code == 200
    assert "Dina rättigheter" in swedish.text
    assert "Your rights" in english.text


def test_the_notice_names_the_controllers_contact_and_the_supervisory_authorities(client, settings):
    settings.PRIVACY_CONTROLLER = {**settings.PRIVACY_CONTROLLER, "email": "dataskydd@example.se"}
    page = client.get("/integritet/").text
    assert "dataskydd@example.se" in page
    for fact in (
        "Datatilsynet",
        "Carl Jacobsens Vej 35, 2500 Valby",
        "dt@datatilsynet.dk",
        "+45 33 19 32 00",
        "Integritetsskyddsmyndigheten",
    ):
        assert fact in page


def test_the_retention_section_shows_the_configured_bookkeeping_period(client, settings):
    settings.BOOKKEEPING_YEARS = 7
    page = client.get("/en/privacy/").text
    row = page.split('id="rule-billingbookkeeping"')[1].split("</tr>")[0]
    assert "7 years" in row
    assert "after the end of the financial year of the transaction" in row
    settings.BOOKKEEPING_YEARS = 5
    assert (
        "5 years"
        in client.get("/en/privacy/")
        .text.split('id="rule-billingbookkeeping"')[1]
        .split("</tr>")[0]
    )


def test_every_rule_and_every_declared_category_is_on_the_notice(client):
    page = client.get("/en/privacy/").text
    from privacy.rules import all_rules

    for rule in all_rules():
        assert str(rule.data).replace("'", "&#x27;") in page
    for declaration in registry.declarations():
        assert str(declaration.category).replace("'", "&#x27;") in page


def test_the_notice_explains_the_account_and_job_alert_reading_and_the_suppression_list(client):
    page = client.get("/en/privacy/").text
    assert "Your account and your job alerts are two separate things" in page
    assert "salted hash" in page
    assert "As long as you have an account with us, you still get the e-mails about it" in page
    swedish = client.get("/integritet/").text
    assert "Ditt konto och din jobbevakning är två olika saker" in swedish
    assert "ett samtycke som du har återkallat" in swedish  # a lapsed one suppresses nothing
    assert "bara ett nytt samtycke från dig tar bort adressen från listan" in swedish


def _subscribers_section(page):
    return page.split('id="subject-subscriber"')[1].split("</details>")[0]


def test_the_notice_says_an_unconfirmed_newsletter_sign_up_goes_when_its_link_expires(client):
    from newsletter.services.subscriptions import CONFIRM_VALID_FOR

    hours = int(CONFIRM_VALID_FOR.total_seconds() // 3600)
    english = _subscribers_section(client.get("/en/privacy/").text)
    assert "A newsletter sign-up that you do not confirm is not a consent" in english
    assert f"the link works for {hours} hours" in english
    swedish = _subscribers_section(client.get("/integritet/").text)
    assert f"länken gäller i {hours} timmar" in swedish


def test_every_page_links_to_the_notice(client):
    assert 'href="/integritet/"' in client.get("/").text


@pytest.mark.parametrize("url", [CSV_URL, PDF_URL])
def test_the_record_of_processing_is_hidden_from_visitors_and_non_staff(client, url):
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", [CSV_URL, PDF_URL])
def test_staff_without_the_permission_are_refused(client, url):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [CSV_URL, PDF_URL])
def test_staff_with_the_permission_but_no_second_factor_are_refused(client, url):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_processing_record"))
    client.force_login(user)
    assert client.get(url).status_code == 403


@pytest.fixture
def officer(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_processing_record"))
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return user


def test_the_record_of_processing_csv_has_a_row_per_declaration(client, officer):
    response = client.get(translate_url(CSV_URL, "en"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Record type", "Data subjects", "Category of data"]
    assert len(rows) == 1 + len(registry.declarations())
    assert {r[0] for r in rows[1:]} == {d.model for d in registry.declarations()}


def test_the_record_of_processing_pdf_renders(client, officer):
    response = client.get(PDF_URL)
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Register över behandlingar" in text
    assert "visitors.tracking" in text


def _boxes(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def test_every_column_of_the_record_of_processing_fits_on_the_page(rf, officer):
    """Art. 30 asks for the periods and what happens at their end: the last columns were
    cut off the right edge of the landscape page."""
    from privacy.views import processing_record_document

    request = rf.get(PDF_URL)
    request.user = officer
    document = processing_record_document(request)

    for page in document.pages:
        page_box = page._page_box
        for box in _boxes(page_box):
            if hasattr(box, "position_x") and hasattr(box, "margin_width"):
                assert box.position_x + box.margin_width() <= page.width + 0.5, box
