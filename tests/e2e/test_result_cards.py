"""Result cards on a phone: a long title wraps beside the company's logo."""

import pytest

from companies.logos import clean_logo
from companies.services import logos
from tests.factories import AdFactory
from tests.factories.companies import CompanyFactory, png_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [320, 390])
def test_a_long_title_starts_beside_the_logo_with_no_empty_band(live_server, page, taxonomy, width):
    company = CompanyFactory(name="Norrlandsfrakt AB")
    logos.set_logo(company=company, logo=clean_logo(png_bytes()), by=None)
    AdFactory(company=company, title="Bohags- och flyttbilsförare till vår terminal i Västerås")
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(live_server.url + "/jobb/")
    card = page.locator("li.ad-card").first
    logo = card.locator("img.company-logo").bounding_box()
    title = card.locator("h3 a").bounding_box()
    assert title["y"] < logo["y"] + logo["height"] / 2  # its first line is beside the logo
    lines = card.locator("h3 a").evaluate(
        "a => Array.from(a.getClientRects(), r => [Math.round(r.width), r.height])"
    )
    assert len(lines) > 1 and all(height >= 24 for _width, height in lines), lines
