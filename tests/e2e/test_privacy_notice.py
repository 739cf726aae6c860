"""The privacy notice reads on a phone and on a desktop, with every processor configured
(the longest notice: Facebook's terms, transfer links, all processors)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
EVERY_PROCESSOR = {
    key: "" for key in ("hosting", "email", "mandrill", "mailchimp", "support", "telephony")
} | {key: "" for key in ("analytics", "vimeo", "youtube", "linkedin", "facebook_page")}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["/integritet/", "/en/privacy/"])
def test_the_full_notice_fits_the_screen_and_passes_axe(live_server, page, settings, width, path):
    settings.FACEBOOK_PIXEL_ID = "1234567890"
    settings.PRIVACY_PROCESSORS = EVERY_PROCESSOR
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + path)
    assert page.get_by_role("heading", level=1).is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    violations = Axe().run(page, options=WCAG).response["violations"]
    assert [(v["id"], len(v["nodes"])) for v in violations] == []
