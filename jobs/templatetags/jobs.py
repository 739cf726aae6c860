from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from jobs import cards
from jobs.formatting import render_description

register = template.Library()


@register.filter
def description(text: str) -> SafeString:
    """An ad's description in the small Markdown subset, sanitised (see jobs/formatting.py)."""
    return render_description(text)


@register.simple_tag
def ad_cards(ads, saving=None) -> SafeString:
    """The <li> cards of a list of ads, each from the card cache (see jobs/cards.py), with
    the heart when `saving` (from mark_saved) is given."""
    return cards.render(ads, saving)


REGIONS_TEMPLATE = "jobs/_regions.html"
_regions: dict[str, tuple[tuple, SafeString]] = {}


@register.simple_tag
def region_list(regions) -> SafeString:
    """The home page's regions (two URLs and a translated title each), rendered again only
    when a name, a slug, a count or the language changes. The memo is the process's own,
    so a deploy with a new template or new URLs starts without it."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    shown = tuple((r["name"], r["slug"], r["count"]) for r in regions)
    memo = _regions.get(language)
    if memo is None or memo[0] != shown:
        html = render_to_string(REGIONS_TEMPLATE, {"regions": regions})
        memo = _regions[language] = (shown, html)
    return memo[1]
