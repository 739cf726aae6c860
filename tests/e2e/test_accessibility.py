"""The shared layout passes axe-core's WCAG 2 A/AA rules (axe runs offline, bundled)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import AdFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _violations(page):
    results = Axe().run(page, options=WCAG)
    return [(v["id"], v["help"], len(v["nodes"])) for v in results.response["violations"]]


@pytest.mark.parametrize("path", ["/", "/en/", "/jobb/", "/integritet/"])
def test_public_pages_have_no_wcag_violations(live_server, page, taxonomy, path):
    AdFactory.create_batch(3)
    page.goto(live_server.url + path)
    assert _violations(page) == []


def test_layout_has_landmarks_and_a_skip_link(live_server, page, taxonomy):
    page.goto(live_server.url + "/")
    for role in ("banner", "main", "contentinfo", "navigation", "search"):
        assert page.get_by_role(role).first.is_visible(), role
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
