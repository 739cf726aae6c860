"""The newsletter in Chromium: a visitor signs up, confirms from the e-mail, staff write and
schedule an issue in admin, the subscriber receives it, and its one-click unsubscribe works
by a POST without any session. axe finds no WCAG 2 A/AA violations on the pages."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from newsletter import tasks
from newsletter.models import Issue, Subscriber
from privacy import consent
from tests.factories.accounts import staff_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
EMAIL = "prenumerant@example.se"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _violations(page):
    results = Axe().run(page, options=WCAG)
    return [(v["id"], v["help"], len(v["nodes"])) for v in results.response["violations"]]


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_the_footer_sign_up_works_from_a_page_a_cdn_may_keep_which_carries_no_token(
    live_server, page, taxonomy
):
    response = page.goto(live_server.url + "/")
    assert response.headers["cache-control"] == "public, max-age=60"
    assert "csrfmiddlewaretoken" not in page.content()
    assert page.context.cookies() == []
    footer = page.get_by_role("contentinfo")
    footer.get_by_label("E-postadress").fill(EMAIL)
    footer.get_by_role("button", name="Prenumerera").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Titta i din inkorg")
    assert Subscriber.objects.get(email=EMAIL).status == Subscriber.Status.PENDING


def test_sign_up_confirm_receive_and_unsubscribe_with_one_click(
    live_server, page, browser, client, taxonomy
):
    base = live_server.url
    mail.outbox.clear()

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/nyhetsbrev/")
    assert _violations(page) == []
    expect(page.get_by_role("checkbox")).not_to_be_checked()
    page.get_by_role("main").get_by_label("E-postadress").fill(EMAIL)
    page.get_by_role("main").get_by_role("button", name="Prenumerera").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Titta i din inkorg")
    assert _violations(page) == []
    assert not consent.has_consent(purpose="newsletter", email=EMAIL)

    link = re.search(r"https?://\S+/nyhetsbrev/bekrafta/\S+/", mail.outbox[0].body)[0]
    page.goto(base + _path(link))
    assert _violations(page) == []
    page.get_by_role("button", name="Bekräfta prenumerationen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen till nyhetsbrevet")
    assert _violations(page) == []
    assert Subscriber.objects.get(email=EMAIL).status == Subscriber.Status.ACTIVE

    staff = browser.new_page(viewport={"width": 1280, "height": 900})
    client.force_login(staff_user(is_superuser=True))
    staff.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )
    staff.goto(base + "/admin/newsletter/issue/add/")
    staff.locator("input[name=subject]").fill("Nytt i december")
    staff.locator("textarea[name=body]").fill(
        "# Hej\n\nHär är [veckans jobb](https://example.se/)."
    )
    staff.locator("input[name=_save]").click()
    staff.locator("input[name=_selected_action]").first.check()
    staff.locator("select[name=action]").select_option("schedule")
    staff.locator("button[name=index]").click()
    assert Issue.objects.get().status == Issue.Status.SCHEDULED
    tasks.start_due_issues()  # the beat's minute: it starts the issue and sends it
    staff.reload()
    expect(staff.get_by_text("1 skickade, 0 hoppades över, 0 avbrutna, av 1")).to_be_visible()
    staff.close()

    [issue_mail] = [m for m in mail.outbox if m.subject == "Nytt i december"]
    assert issue_mail.to == [EMAIL]
    assert issue_mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = issue_mail.extra_headers["List-Unsubscribe"].strip("<>")

    anonymous = browser.new_context()  # a mail client: no cookies, no session, no CSRF token
    response = anonymous.request.post(
        base + _path(unsubscribe), form={"List-Unsubscribe": "One-Click"}
    )
    anonymous.close()
    assert response.status == 200
    assert not consent.has_consent(purpose="newsletter", email=EMAIL)
    assert Subscriber.objects.get(email=EMAIL).status == Subscriber.Status.UNSUBSCRIBED

    page.goto(base + _path(unsubscribe))
    expect(page.get_by_role("status")).to_contain_text("Du är avregistrerad")
    assert _violations(page) == []


def test_the_footer_sign_up_passes_axe_on_a_phone(live_server, page, taxonomy):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_label("E-postadress")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert _violations(page) == []


def test_a_wrong_address_on_the_newsletter_page_shows_as_an_error_like_any_other(
    live_server, page, taxonomy
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/nyhetsbrev/")
    main = page.get_by_role("main")
    main.get_by_label("E-postadress").fill("fel-adress")
    main.locator("button[type=submit]").click()
    error = main.locator("#newsletter-email-error")
    expect(error).to_be_visible()
    style = error.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).fontWeight]")
    assert style == ["rgb(166, 27, 27)", "600"], style  # --danger, as .errorlist
