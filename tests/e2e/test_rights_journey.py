"""GDPR requests in Chromium: a visitor files an access request and confirms it from the
e-mail; staff sign in to admin with their authenticator code, open the person page, build
the access report and see its progress; the visitor downloads the ZIP from the mailed link;
then an erasure request, previewed, executed, with the report of what was kept."""

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail
from playwright.sync_api import expect

from jobs.models import Application
from rights.models import DataRequest
from tests.factories import AdFactory
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def _path(pattern):
    """The path of the last mail's link (the mail names SITE_URL, not the live server)."""
    url = re.search(pattern, mail.outbox[-1].body).group(0)
    return "/" + url.split("/", 3)[3]


def _file_request(page, base, kind, email):
    page.goto(base + "/dina-rattigheter/")
    page.get_by_label("Vilken rättighet vill du använda?").select_option(kind)
    page.get_by_label("E-postadressen som begäran gäller").fill(email)
    page.get_by_role("button", name="Skicka begäran").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Titta i din e-post")
    page.goto(base + _path(r"http\S+/dina-rattigheter/bekrafta/\d+/\S+/"))
    page.get_by_role("button", name="Bekräfta begäran").click()
    expect(page.get_by_role("status")).to_contain_text("din begäran är bekräftad")
    return DataRequest.objects.filter(email=email).latest("pk")


def _staff_sign_in(page, base):
    secret = generate_totp_secret()
    staff = UserFactory(email="dataskydd@workwithus.se", is_staff=True, is_superuser=True)
    TOTP.activate(staff, secret)
    page.goto(base + "/admin/")
    page.locator("input[name=login]").fill(staff.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.auth-form button[type=submit]").click()
    counter = next(iter(yield_hotp_counters_from_time()))
    page.locator("input[name=code]").fill(format_hotp_value(hotp_value(secret, counter)))
    page.get_by_role("button", name="Logga in").click()
    expect(page.locator("#site-name")).to_contain_text("WorkWithUs.se: administration")


def test_access_then_erasure_requests_answered_from_admin(live_server, page, taxonomy):
    base = live_server.url
    anna = UserFactory(email="anna@example.se")
    application = Application.objects.create(ad=AdFactory(), seeker=anna, message="Hej")
    visitor = page.context.browser.new_context(locale="sv-SE").new_page()
    visitor.set_default_timeout(15_000)

    access = _file_request(visitor, base, "access", "anna@example.se")
    assert access.verified_at is not None and access.user == anna

    _staff_sign_in(page, base)
    page.goto(base + f"/admin/rights/datarequest/{access.pk}/change/")
    page.get_by_role("link", name="Personsida").click()
    expect(page.locator("#content")).to_contain_text(f"jobs.Application#{application.pk}")
    page.get_by_role("link", name="Tillbaka till begäran").click()
    page.get_by_role("link", name="Skapa registerutdrag").click()
    page.get_by_role("button", name="Skapa registerutdrag").click()
    # The report's row shows its state and progress (tasks run inline here: done at once).
    expect(page.locator(".messagelist")).to_contain_text("Registerutdraget skapas")
    expect(page.locator("#reports-group")).to_contain_text("Klar")
    expect(page.locator("#reports-group")).to_contain_text("100")

    # The visitor downloads the ZIP from the mailed link.
    link = base + _path(r"http\S+/dina-rattigheter/ladda-ner/\d+/\S+/")
    with visitor.expect_download() as info:
        visitor.evaluate(
            "url => { const a = document.createElement('a'); a.href = url;"
            " document.body.appendChild(a); a.click(); }",
            link,
        )
    archive = zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert json.loads(archive.read("data.json"))["subject"]["email"] == "anna@example.se"
    assert "report.pdf" in archive.namelist()

    # An erasure request: previewed, then executed, with what was kept and why.
    erasure = _file_request(visitor, base, "erasure", "anna@example.se")
    page.goto(base + f"/admin/rights/datarequest/{erasure.pk}/change/")
    page.get_by_role("link", name="Radera uppgifterna").click()
    expect(page.locator("#content table")).to_contain_text("Vi måste kunna visa hur vi besvarade")
    assert Application.objects.exists()  # the preview changed nothing
    page.get_by_role("button", name="Radera uppgifterna").click()
    expect(page.locator(".messagelist")).to_contain_text("lagrade men inte använda")
    assert not Application.objects.exists()
    assert "art. 5.2" in mail.outbox[-1].body


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    "path", ["/dina-rattigheter/", "/en/rights/", "/dina-rattigheter/skickad/"]
)
def test_the_request_pages_work_on_a_phone_and_a_desktop(live_server, page, width, path):
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    wcag = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    violations = Axe().run(page, options=wcag).response["violations"]
    assert [(v["id"], len(v["nodes"])) for v in violations] == []


def test_the_staff_pages_of_a_person_fit_a_phone(live_server, page, taxonomy):
    """The person page and the retention forecast hold wide tables: they scroll inside their
    own box, the page stays as wide as the phone."""
    from django.utils import timezone

    from rights.models import Kind
    from rights.services import requests

    person = UserFactory(email="bred.tabell.med.en.lang.adress@example.se")
    Application.objects.create(ad=AdFactory(), seeker=person, message="Hej")
    _staff_sign_in(page, live_server.url)
    staff = type(person).objects.get(email="dataskydd@workwithus.se")
    filed = requests.enter_request(
        kind=Kind.ACCESS, email=person.email, by=staff, now=timezone.now()
    )
    page.set_viewport_size({"width": 390, "height": 844})
    for path in (
        f"/admin/rights/datarequest/{filed.pk}/person/",
        "/admin/privacy/enforcementrun/forecast/",
    ):
        page.goto(live_server.url + path)
        assert page.locator("#content table").first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
