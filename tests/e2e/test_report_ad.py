"""A visitor on a phone reports an ad from its page, and staff find the report."""

import pytest

from support.models import SupportRequest
from tests.factories import AdFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_visitor_reports_an_ad_from_its_page_on_a_phone(live_server, page, taxonomy):
    ad = AdFactory(title="Hemarbete, tjäna 50 000 i veckan")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/jobb/{ad.pk}/")
    page.get_by_role("link", name="Anmäl annonsen").click()
    page.get_by_role("button", name="Skicka anmälan").click()
    assert page.get_by_text("Välj vad som är fel med annonsen.").is_visible()

    page.get_by_label("Den ser ut som ett bedrägeri eller ber om pengar").check()
    page.get_by_label("Berätta mer").fill("De vill ha en avgift innan man börjar.")
    page.get_by_role("button", name="Skicka anmälan").click()
    assert page.get_by_role("heading", name="Tack för din anmälan").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    report = SupportRequest.objects.get()
    assert report.ad == ad and "avgift" in report.messages.get().body
    page.get_by_role("link", name="Tillbaka till annonsen").click()
    assert page.get_by_role("heading", name=ad.title).is_visible()
