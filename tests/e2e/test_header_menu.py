"""The header's menu on a phone: it opens without JavaScript (test_page_widths.py), and with
it the menu closes as a menu should, so that it never stays open over the page."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(live_server, page, taxonomy):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/jobb/")
    banner = page.get_by_role("banner")
    toggle = banner.get_by_text("Meny")
    toggle.click()
    find_jobs = banner.get_by_role("link", name="Hitta jobb")
    assert find_jobs.is_visible()
    return page, find_jobs


def test_escape_closes_the_menu_and_focus_goes_back_to_its_button(phone):
    page, find_jobs = phone
    find_jobs.focus()
    page.keyboard.press("Escape")
    assert not find_jobs.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('site-menu-toggle')")


def test_a_tap_outside_closes_the_menu(phone):
    page, find_jobs = phone
    page.mouse.click(195, 800)  # below the panel, on the page
    assert not find_jobs.is_visible()


def test_tabbing_past_the_last_item_closes_the_menu_before_the_search_box(phone):
    page, find_jobs = phone
    last = page.locator(".site-menu-panel :is(a, button)").last
    last.focus()
    page.keyboard.press("Tab")
    assert not find_jobs.is_visible()
    focused = page.evaluate("document.activeElement.closest('.site-menu') === null")
    assert focused  # focus went on into the page, which is no longer covered


def test_on_a_desktop_the_menu_stays_shown_whatever_is_pressed(live_server, page, taxonomy):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/jobb/")
    find_jobs = page.get_by_role("banner").get_by_role("link", name="Hitta jobb")
    page.keyboard.press("Escape")
    page.mouse.click(640, 700)
    assert find_jobs.is_visible()
