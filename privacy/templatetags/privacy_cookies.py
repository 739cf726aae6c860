from django import template
from django.conf import settings
from django.utils.functional import Promise

from privacy import cookies

register = template.Library()


@register.simple_tag
def cookie_group_info(varname: str) -> dict[str, str | Promise]:
    return cookies.group_info(varname)


@register.simple_tag
def cookie_info(name: str) -> dict[str, str | Promise]:
    return cookies.cookie_info(name)


@register.simple_tag
def facebook_pixel_id() -> str:
    """The pixel to load once marketing cookies are accepted (empty: none configured)."""
    return settings.FACEBOOK_PIXEL_ID
