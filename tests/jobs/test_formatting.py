"""Ad descriptions: a small Markdown subset, and an allow-list sanitiser that lets nothing
else through."""

import pytest
from django.urls import reverse

from jobs.formatting import render_description, sanitise
from tests.factories import AdFactory


def test_paragraphs_lists_bold_and_italics_are_rendered():
    text = "Vi söker **dig**.\nDu är *noggrann*.\n\n- Körkort\n- Truckkort\n\n1. Ansök\n2. Intervju"

    html = render_description(text)

    assert html == (
        "<p>Vi söker <strong>dig</strong>.<br>\nDu är <em>noggrann</em>.</p>\n"
        "<ul>\n<li>Körkort</li>\n<li>Truckkort</li>\n</ul>\n"
        "<ol>\n<li>Ansök</li>\n<li>Intervju</li>\n</ol>\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klicka](javascript:alert(1))",
        "![bild](https://example.com/x.png)",
        '<a href="https://example.com">länk</a>',
        "# Rubrik",
        "<style>body{display:none}</style>",
    ],
)
def test_html_links_images_and_headings_stay_plain_text(text):
    html = render_description(text)

    assert "<script" not in html
    assert "<img" not in html
    assert "<a " not in html
    assert "<h1" not in html
    assert "<style" not in html
    assert "href=" not in html.replace("&lt;a href=", "")


def test_the_sanitiser_keeps_only_allowed_tags_and_no_attributes():
    dirty = (
        '<p class="x" onclick="steal()">Hej <strong style="color:red">du</strong>'
        '<script>alert("x")</script><a href="javascript:1">länk</a><br/></p>'
        "<ul><li>ett<li>två</ul><iframe src=x></iframe>"
    )

    clean = sanitise(dirty)

    assert clean == (
        "<p>Hej <strong>du</strong>alert(&quot;x&quot;)länk<br></p>"
        "<ul><li>ett<li>två</li></li></ul>"
    )


def test_text_that_looks_like_markup_is_escaped():
    assert sanitise("5 &lt; 6 &amp; <b>") == "5 &lt; 6 &amp; "
    assert str(render_description("Lön > 30 000 kr & bonus")) == (
        "<p>Lön &gt; 30 000 kr &amp; bonus</p>\n"
    )


def test_an_empty_description_renders_nothing():
    assert render_description("") == ""


@pytest.mark.django_db
def test_the_ad_page_shows_the_formatted_description(client, taxonomy):
    ad = AdFactory(description="**Om jobbet**\n\n- Heltid\n- <em onclick=x>Dag</em>")

    page = client.get(reverse("jobs:detail", args=[ad.pk])).text

    assert "<strong>Om jobbet</strong>" in page
    assert "<li>Heltid</li>" in page
    assert "<em onclick" not in page
    assert "&lt;em onclick=x&gt;Dag&lt;/em&gt;" in page


@pytest.mark.django_db
def test_quotes_in_a_description_cannot_leave_the_meta_description(client, taxonomy):
    ad = AdFactory(description='Hej" onmouseover="alert(1)')

    page = client.get(reverse("jobs:detail", args=[ad.pk])).text

    assert 'Hej" onmouseover' not in page
    assert "Hej&quot; onmouseover=&quot;alert(1)" in page
