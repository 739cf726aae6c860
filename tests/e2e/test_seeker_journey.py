"""A job seeker's whole journey in Chromium: sign up, verify, fill the profile, upload a CV,
see its deletion date, download their data, delete the account, and be unable to sign in."""

import io
import re
import zipfile

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from tests.factories.accounts import pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
EMAIL = "asa.oberg@example.se"
PASSWORD = "Sommar-i-Åre-2026"


def test_a_seeker_signs_up_uploads_a_cv_sees_it_downloads_it_and_leaves(
    live_server, page, taxonomy, tmp_path
):
    base = live_server.url
    mail.outbox.clear()

    page.goto(base + "/konto/registrera/")
    page.locator("input[name=email]").fill(EMAIL)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("form.auth-form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Verifiera"))

    link = re.search(r"https?://\S+/konto/bekrafta-e-post/\S+/", mail.outbox[0].body)[0]
    page.goto(base + "/" + link.split("://", 1)[1].split("/", 1)[1])
    page.locator("form.auth-form button[type=submit]").click()
    expect(page.get_by_role("banner").get_by_role("link", name="Mitt konto")).to_be_visible()

    page.goto(base + "/mina-sidor/profil/")
    page.get_by_label("Förnamn").fill("A\u030asa")
    page.get_by_label("Efternamn").fill("Öberg")
    page.get_by_label("Gatuadress").fill("Storgatan 1")
    page.get_by_label("Postnummer").fill("11151")
    page.get_by_label("Ort").fill("Stockholm")
    page.get_by_label("Telefon").fill("070-123 45 67")
    page.get_by_role("button", name="Spara min profil").click()
    expect(page.get_by_text("Din profil är sparad.")).to_be_visible()
    expect(page.get_by_label("Postnummer")).to_have_value("111 51")

    page.goto(base + "/mina-sidor/dokument/")
    page.get_by_label("Fil").set_input_files(
        files=[{"name": "cv.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Åsa Öberg")}]
    )
    page.locator("input[name=title]").fill("Mitt CV")
    page.get_by_role("button", name="Ladda upp").click()
    expect(page.get_by_text("Ditt dokument är uppladdat.")).to_be_visible()
    expect(page.get_by_role("link", name="Mitt CV", exact=True)).to_be_visible()

    page.goto(base + "/mina-sidor/mina-uppgifter/")
    expiry = timezone.localdate() + relativedelta(years=1)
    expect(
        page.get_by_text(
            f"Mitt CV raderas den {expiry.isoformat()} om du inte loggar in före dess."
        )
    ).to_be_visible()

    # The ZIP is made by the worker (inline here), then downloaded from its page.
    page.get_by_role("button", name="Ladda ner mina uppgifter (ZIP)").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner ZIP-filen").click()
    archive = zipfile.ZipFile(io.BytesIO(open(download_info.value.path(), "rb").read()))  # noqa: SIM115
    cvs = [n for n in archive.namelist() if n.startswith("files/")]
    assert len(cvs) == 1
    assert archive.read(cvs[0]).startswith(b"%PDF-")
    assert EMAIL in archive.read("data.json").decode()

    page.goto(base + "/mina-sidor/mina-uppgifter/")
    page.get_by_role("link", name="Radera mitt konto").last.click()
    page.get_by_label("Ditt lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Radera mitt konto för gott").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ditt konto är raderat")
    expect(page.get_by_text("Ingenting. Vi sparar ingenting om dig.")).to_be_visible()
    assert not User.objects.filter(email=EMAIL).exists()

    page.goto(base + "/konto/logga-in/")
    page.locator("input[name=login]").fill(EMAIL)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.auth-form button[type=submit]").click()
    expect(page.locator(".errorlist")).to_be_visible()
    expect(page.get_by_role("banner").get_by_role("link", name="Logga in")).to_be_visible()


WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SIGNED_OUT = [
    "/konto/logga-in/",
    "/konto/registrera/",
    "/konto/losenord/aterstall/",
    "/en/accounts/login/",
]
SIGNED_IN = [
    "/mina-sidor/",
    "/mina-sidor/profil/",
    "/mina-sidor/dokument/",
    "/mina-sidor/mina-uppgifter/",
    "/mina-sidor/ta-bort-konto/",
    "/konto/e-post/",
    "/konto/losenord/byt/",
    "/konto/2fa/",
]


def _violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG)
    return [(v["id"], v["help"], len(v["nodes"])) for v in results.response["violations"]]


def test_the_account_pages_have_no_wcag_violations(live_server, page, taxonomy):
    from tests.factories.accounts import DocumentFactory, SeekerProfileFactory, UserFactory

    user = UserFactory(email=EMAIL)
    user.set_password(PASSWORD)
    user.save()
    SeekerProfileFactory(user=user)
    DocumentFactory(owner=user)
    found = {}
    for path in SIGNED_OUT:
        page.goto(live_server.url + path)
        found[path] = _violations(page)
    page.goto(live_server.url + "/konto/logga-in/")
    page.locator("input[name=login]").fill(EMAIL)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.auth-form button[type=submit]").click()
    expect(page.get_by_role("banner").get_by_role("link", name="Mitt konto")).to_be_visible()
    for path in SIGNED_IN:
        page.goto(live_server.url + path)
        found[path] = _violations(page)
    assert {path: v for path, v in found.items() if v} == {}
