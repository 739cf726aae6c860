from django import template
from django.utils.safestring import SafeString

from jobs.formatting import render_description

register = template.Library()


@register.filter
def description(text: str) -> SafeString:
    """An ad's description in the small Markdown subset, sanitised (see jobs/formatting.py)."""
    return render_description(text)
