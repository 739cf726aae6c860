from django import template
from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import Promise

from config import security
from config.caching import PUBLIC_PAGES
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
def facebook_pixel_id(request: HttpRequest) -> str:
    """The pixel to load on this page once marketing cookies are accepted (empty: none
    configured, or not on this page). Only on the public pages every visitor sees alike
    (config/caching.py's PUBLIC_PAGES): the Pixel sends Facebook the page's address, and the
    others hold a person's own pages or a link's token (confirm a request, keep an account,
    unsubscribe)."""
    if request.resolver_match is None or request.resolver_match.view_name not in PUBLIC_PAGES:
        return ""
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
