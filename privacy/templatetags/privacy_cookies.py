from django import template
from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import Promise

from config import security
from privacy import cookies

register = template.Library()

# What the Pixel loads: its script, then events sent as an image or a request to facebook.com.
FACEBOOK_PIXEL_SOURCES = {
    "script-src": ["https://connect.facebook.net"],
    "img-src": ["https://www.facebook.com"],
    "connect-src": ["https://www.facebook.com", "https://connect.facebook.net"],
}


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


@register.simple_tag
def allow_facebook_pixel(request: HttpRequest) -> str:
    """Let this page's Content-Security-Policy load the Pixel (the page renders it)."""
    security.allow(request, FACEBOOK_PIXEL_SOURCES)
    return ""


@register.simple_tag
def cookie_banner_text() -> str | Promise:
    """The banner's wording: part of the versioned text a choice is made on."""
    return cookies.banner()


@register.filter
def cookie_group_offered(varname: str) -> bool:
    """Shown on the cookie page: a group the site asks consent for (or always on)."""
    return cookies.offered(varname)
