from django import template

from companies.money import NBSP, format_sek

register = template.Library()


@register.filter
def sek(ore):
    """Öre as Swedish kronor: {{ invoice.total_ore|sek }} -> 1 234,50 kr."""
    return format_sek(ore)


@register.filter
def sek_whole(ore):
    """A price for reading at a glance: whole kronor without ",00" (99500 -> 995 kr); öre
    are kept when there are any (124375 -> 1 243,75 kr)."""
    text = format_sek(ore)
    return text.replace(f",00{NBSP}kr", f"{NBSP}kr")
