from django import template
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
