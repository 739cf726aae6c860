"""Cache-Control for every page: public pages a CDN may keep, everything else private.

Why: most visitors read the home page, searches, ads and company pages without signing in,
and those pages are the same for all of them. A shared cache (a CDN, nginx) may keep such a
page for a short while, so that a burst of visitors costs the servers one page, not one per
visitor. Django's cache middleware is not used: the headers are set here for whoever stands
in front of the site, and the pages that ask for it (the home page, the search, the ad page)
are also kept in the site itself, under the same rules and more exactly (config/page_cache.py).

What may be kept by a shared cache (`public, max-age=CACHE_PUBLIC_MAX_AGE`), all of:

- the page is one of PUBLIC_PAGES (by view name, so a renamed path keeps its policy), and the
  request is a GET or HEAD answered 200 whose view set no Cache-Control of its own;
- the visitor is not signed in and sends no session cookie (messages ride in the session);
- nothing personal went into the answer: no CSRF token was rendered (django.middleware.csrf
  marks the request when one is) and the answer sets no cookie.

The answer then varies by Cookie only: a visitor who chose in the cookie bar (or has any
other cookie) gets a page of their own, and a visitor who has not chosen yet gets the shared
one, with the bar. Not by Accept-Language: the language comes from the path alone (Swedish
without a prefix, English under /en/, i18n_patterns with prefix_default_language=False), so
LocaleMiddleware's `Vary: Accept-Language` would only split the cache for nothing.

The forms on those pages (the cookie bar, the footer's newsletter sign-up, the language
switch, the ad page's "show contact details" and "apply on the employer's site") therefore
carry no CSRF token. Their endpoints are protected by `same_origin_post` instead: a browser
says where a form was sent from (Origin, Sec-Fetch-Site), and only a POST from a page of
this site is taken; a cross-site one, or one that says nothing (a script, a very old
browser), gets the site's own 403 page for a stale form. Every other POST keeps Django's
CSRF token. These endpoints change nothing an attacker gains from (a consent choice, a
double-opt-in e-mail, a language, a counted click), which is why the header check is enough
for them; the session cookie is SameSite=Lax besides.

Visits are counted on the server (the ad page's views for the employer's statistics,
jobs/services/visits.py; the page views of a visitor who accepted statistics cookies,
visitors/middleware.py). A cache answering for us would swallow those, so such an answer is
`public, no-cache`: a cache may store it but asks the server each time, and the view counts.
The ad page, then, gains nothing from a shared cache but is marked public all the same: it
holds nothing personal. The site keeps such pages itself (config/page_cache.py), where the
view is still counted each time.

Everything else is `private`: a public page for a signed-in person or a visitor with a
session, a page that rendered a token or set a cookie, a POST's answer, an error. Pages that
are not public (my pages, the employer's pages, admin, accounts, forms) are
`private, no-store`: they may hold personal data and must not stay on a shared computer.

The Content-Security-Policy's nonce is kept with the page it was made for (the header and
the body are cached together), so a cached page keeps working; a nonce reused for a minute
gives an attacker nothing, as what could be injected is already frozen in that page.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.module_loading import import_string

from privacy import cookies

from . import page_cache

# Pages that are the same for every visitor without a session: view names, as reverse() knows
# them. Feeds, sitemaps and robots.txt are public too.
PUBLIC_PAGES = frozenset(
    {
        "jobs:home",
        "jobs:search",
        "jobs:detail",
        "jobs:detail_slug",
        "jobs:feed",
        "jobs:county_feed",
        "jobs:sitemap",
        "jobs:sitemap_section",
        "jobs:robots",
        "api_ads",
        "api_ad",
        "companies:page",
        "companies:pricing",
        "privacy:notice",
        "cookie_consent_cookie_group_list",
    }
)
# Public pages whose every view is counted on the server.
COUNTED_PAGES = frozenset({"jobs:detail", "jobs:detail_slug"})

PRIVATE = "private"
PERSONAL = "private, no-store"


def _view_name(request: HttpRequest) -> str:
    match = request.resolver_match
    return match.view_name if match else ""


def _has_session(request: HttpRequest) -> bool:
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


def _is_personalised(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Something in the answer belongs to this visitor alone."""
    return bool(
        _has_session(request) or request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or response.cookies
    )


def _is_counted(request: HttpRequest) -> bool:
    return _view_name(request) in COUNTED_PAGES or bool(request.COOKIES.get(cookies.VISITOR_COOKIE))


def _drop_vary(response: HttpResponseBase, header: str) -> None:
    if not response.has_header("Vary"):
        return
    kept = [
        value.strip()
        for value in response["Vary"].split(",")
        if value.strip() and value.strip().lower() != header.lower()
    ]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def may_be_public(request: HttpRequest) -> bool:
    """What the request alone tells: its answer may be public (the answer decides the rest,
    see `set_headers`)."""
    return request.method in ("GET", "HEAD") and not _has_session(request)


def set_headers(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Give `response` the Cache-Control (and Vary) this module's docstring describes; True
    when it is public (the same for every visitor who sends what this one sent; a counted
    one too: the site may keep it, as it counts every view, config/page_cache.py)."""
    if response.has_header("Cache-Control"):
        return False  # the view knows better (a logo for a year, a document never)
    if _view_name(request) not in PUBLIC_PAGES:
        response["Cache-Control"] = PERSONAL
        return False
    if (
        request.method not in ("GET", "HEAD")
        or response.status_code != 200
        or _is_personalised(request, response)
    ):
        response["Cache-Control"] = PRIVATE
        return False
    if _is_counted(request):
        patch_cache_control(response, public=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=settings.CACHE_PUBLIC_MAX_AGE)
    patch_vary_headers(response, ("Cookie",))
    _drop_vary(response, "Accept-Language")
    return True


class CacheHeadersMiddleware:
    """Listed before the session and CSRF middleware, so it sees the cookies they set; and
    keeps in the process the shared pages of the views that ask for it (config/page_cache.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if set_headers(request, response):
            page_cache.keep(request, response)
        return response


def _site_origin(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _trusted(origin: str, request: HttpRequest) -> bool:
    if origin == _site_origin(request):
        return True
    return origin in settings.CSRF_TRUSTED_ORIGINS and bool(urlsplit(origin).netloc)


def is_same_origin(request: HttpRequest) -> bool:
    """The browser says the request comes from a page of this site. Both headers, when sent,
    must say so; at least one must be sent (every browser of the last years sends Origin
    with a POST, and Sec-Fetch-Site with every request)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    if fetch_site is None and origin is None:
        return False
    if fetch_site is not None and fetch_site != "same-origin":
        return False
    return origin is None or _trusted(origin, request)


def same_origin_post(view: Callable[..., Any]) -> Callable[..., Any]:
    """For the few POST endpoints of public pages: no CSRF token, but the browser's word that
    the form was on this site (see the module's docstring). Refused with the stale-form 403."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE") and not is_same_origin(
            request
        ):
            failure: Callable[..., HttpResponse] = import_string(settings.CSRF_FAILURE_VIEW)
            return failure(request, reason="Origin checking failed: not the site's own page.")
        return view(request, *args, **kwargs)

    checked.csrf_exempt = True  # type: ignore[attr-defined]
    return checked
