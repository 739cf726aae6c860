"""An application written in one tab while the seeker signs out in another is not lost: the
send leads to sign-in, then back to the form filled in again from the tab's own draft
(static/js/draft.js), which is gone once the application is sent. Another person signing in
on the same tab never sees it; signing out in the tab drops it."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from jobs.models import Application
from tests.e2e.signing import fill_sign_in
from tests.factories import AdFactory, UserFactory
from tests.factories.accounts import DocumentFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
LETTER = "Hej!\nJag har tio års erfarenhet av lager och truck. Hälsningar, Åsa"
SHOTS = os.environ.get("E2E_SCREENSHOTS")  # a folder: the pages at 390 and 1280 px


def _drafts(page) -> list[str]:
    return page.evaluate(
        "() => Object.keys(sessionStorage).filter((key) => key.startsWith('draft:'))"
    )


def _sign_out(page, base):
    page.goto(base + "/")
    page.get_by_role("banner").get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("banner").get_by_role("link", name="Logga in")).to_be_visible()


def _shoot(page, name):
    if not SHOTS:
        return
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 720})


def test_a_letter_survives_a_sign_out_in_another_tab_and_is_gone_once_sent(
    live_server, page, taxonomy
):
    base = live_server.url
    ad = AdFactory(title="Lagerarbetare")
    seeker = UserFactory(first_name="Åsa", last_name="Öberg", email="asa.oberg@example.se")
    DocumentFactory(owner=seeker, title="Mitt CV")
    page.goto(f"{base}/konto/logga-in/?next=/jobb/{ad.pk}/ansok/")
    fill_sign_in(page, seeker.email)
    page.get_by_label("Meddelande till arbetsgivaren").fill(LETTER)
    page.get_by_label("Mitt CV").check()

    other_tab = page.context.new_page()
    _sign_out(other_tab, base)
    page.get_by_role("button", name="Skicka ansökan").click()

    expect(page.get_by_text("Din ansökan har inte skickats: du hade loggats ut.")).to_be_visible()
    assert not Application.objects.exists()
    _shoot(page, "sign-in-unsent")
    fill_sign_in(page, seeker.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ansök: Lagerarbetare")
    expect(page.get_by_label("Meddelande till arbetsgivaren")).to_have_value(LETTER)
    expect(page.get_by_label("Mitt CV")).to_be_checked()
    expect(
        page.get_by_text("Det du skrev tidigare i det här fönstret är ifyllt igen.")
    ).to_be_visible()
    _shoot(page, "apply-restored")
    assert _drafts(page) == [f"draft:apply-{ad.pk}"]

    page.get_by_role("button", name="Skicka ansökan").click()

    expect(page.get_by_role("heading", name="Ansökan skickad")).to_be_visible()
    assert Application.objects.get(ad=ad, seeker=seeker).message == LETTER
    assert _drafts(page) == []


def test_another_person_signing_in_on_the_tab_never_sees_the_draft(live_server, page, taxonomy):
    base = live_server.url
    ad = AdFactory()
    first = UserFactory(email="forsta@example.se")
    second = UserFactory(email="andra@example.se")
    page.goto(f"{base}/konto/logga-in/?next=/jobb/{ad.pk}/ansok/")
    fill_sign_in(page, first.email)
    page.get_by_label("Meddelande till arbetsgivaren").fill(LETTER)
    _sign_out(page.context.new_page(), base)
    page.get_by_role("button", name="Skicka ansökan").click()

    fill_sign_in(page, second.email)

    expect(page.get_by_label("Meddelande till arbetsgivaren")).to_have_value("")
    expect(
        page.get_by_text("Det du skrev tidigare i det här fönstret är ifyllt igen.")
    ).to_be_hidden()
    assert _drafts(page) == []


def test_signing_out_in_the_tab_drops_its_drafts(live_server, page, taxonomy):
    base = live_server.url
    ad = AdFactory()
    seeker = UserFactory()
    page.goto(f"{base}/konto/logga-in/?next=/jobb/{ad.pk}/ansok/")
    fill_sign_in(page, seeker.email)
    page.get_by_label("Meddelande till arbetsgivaren").fill(LETTER)
    assert _drafts(page) == [f"draft:apply-{ad.pk}"]

    _sign_out(page, base)

    assert _drafts(page) == []
