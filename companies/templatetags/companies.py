from django import template

from companies.money import format_sek

register = template.Library()


@register.filter
def sek(ore):
    """Öre as Swedish kronor: {{ invoice.total_ore|sek }} -> 1 234,50 kr."""
    return format_sek(ore)
