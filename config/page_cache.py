"""Whole public pages kept in each web process, for the visitors who see the same page.

Why: a search someone made within the minute cost 3 to 6 ms in-process, of which its SQL is
under 1 ms; the rest was rendering a page that is the same for every visitor without a
session (the form's 1 200 options, twenty cards, the layout). config/caching.py already lets
a CDN keep such pages for CACHE_PUBLIC_MAX_AGE; this keeps them in the site itself, for a
site with no CDN in front and for a CDN's misses, and more exactly than a CDN can: a kept
page goes the moment anything it shows changes.

What is kept: the answer of a view decorated with `kept_page`, and only when config/caching.py
marks it public (a GET or HEAD answered 200 to a visitor without a session, no CSRF token
rendered, no cookie set; see `caching.set_headers`). What a page does each time it is seen
(the ad page counts a view for the employer's statistics) it says with `each_time`, and a
kept page does it too; the visitors middleware counts a page view around the view, kept or
not. A page that shows what not everyone at its address may see says `dont_keep`. Its key is
the language, the address (scheme, host, path, query) and the visitor's choice in the cookie
bar: the one cookie such a page shows anything of (the bar, or the Pixel after consent).
A CDN keys on the whole Cookie header instead (it cannot know better), so a returning
visitor, whose consent cookie carries a number of their own, never shares a CDN's page; here
they share the page of everyone who made the same choice. A visitor with a session (signed
in, or with messages) is never served a kept page, nor leaves one.

When it goes:
- Anything it shows is written: `forget()` makes a new generation (a random token in the
  shared cache, read once a request), and every process drops its pages of the old one.
  The search's kept results and the home page's figures belong to the same generation
  (jobs/search.py `kept`), so a page made again is made from what is current.
  Connected to Ad, Company and Restriction writes (jobs/apps.py), the taxonomy's import
  (taxonomy/importer.py), the cookie groups (privacy/apps.py), and the privacy engine's
  anonymisation in bulk (`privacy.signals.rows_rewritten`). Also when the transaction
  commits, as the search's kept results (a page made between the write and its commit may
  show what was read before).
- Time: what the page was made from says how long it holds, with `fresh_until` (the end of
  the first of its ads to end, the expiry of the kept search results or home page figures it
  read), and never longer than CACHE_PUBLIC_MAX_AGE.
- A deploy or a restart: the pages live in the process (the template, the code and the
  settings that made them cannot be older than the process).
- Space: at most PAGE_CACHE_BYTES of pages a process, the least recently served out first;
  0 keeps none.

Nothing of the request is kept beyond the page: on a hit, the view's own headers come back
and every middleware runs as for a page just made (security headers, Cache-Control, the
visitor's count). The page's Content-Security-Policy nonce comes back with it, so that the
header names the nonce of the page's scripts.
"""

import datetime
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import Any

from cookie_consent.cache import all_cookie_groups
from cookie_consent.util import get_cookie_value_from_request
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone, translation

GENERATION_KEY = "pages:generation"


EachTime = Callable[[HttpRequest], None]


@dataclass(frozen=True)
class Page:
    generation: str
    fresh_until: datetime.datetime
    content: bytes
    headers: tuple[tuple[str, str], ...]  # the view's own (Content-Type)
    nonce: str | None
    csp_allowed: dict | None  # what the view allowed (config.security.allow)
    each_time: tuple[EachTime, ...] = ()

    @property
    def size(self) -> int:
        return len(self.content) + 512  # the entry's own objects, roughly


class _Store:
    """The process's pages, least recently served first; shared by its threads."""

    def __init__(self) -> None:
        self._pages: OrderedDict[str, Page] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> Page | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: str, page: Page, budget: int) -> None:
        with self._lock:
            self._drop(key)
            if page.size > budget:
                return
            self._pages[key] = page
            self._bytes += page.size
            while self._bytes > budget:
                self._drop(next(iter(self._pages)))

    def _drop(self, key: str) -> None:
        old = self._pages.pop(key, None)
        if old is not None:
            self._bytes -= old.size

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._pages)

    @property
    def bytes(self) -> int:
        return self._bytes


store = _Store()


class _Making:
    """What the view of a page being made says of it."""

    def __init__(self, fresh_until: datetime.datetime) -> None:
        self.fresh_until = fresh_until
        self.each_time: list[EachTime] = []


_making: ContextVar[_Making | None] = ContextVar("page_making", default=None)
NEVER = datetime.datetime.min.replace(tzinfo=datetime.UTC)


def fresh_until(when: datetime.datetime | None) -> None:
    """What the page being made shows holds until `when` (an ad's end, a kept result's
    expiry): the page is not kept past it. Outside a kept page's view, nothing."""
    making = _making.get()
    if making is not None and when is not None and when < making.fresh_until:
        making.fresh_until = when


def dont_keep() -> None:
    """The page being made shows what not everyone at its address may see."""
    fresh_until(NEVER)


def each_time(request: HttpRequest, action: EachTime) -> None:
    """`action(request)` now, and on every request the page is served for while kept."""
    action(request)
    making = _making.get()
    if making is not None:
        making.each_time.append(action)


def generation() -> str:
    """The current generation of kept public content, the same in every process."""
    token = cache.get(GENERATION_KEY)
    if token is None:  # never made, or the cache was emptied: the first process to ask makes it
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        token = cache.get(GENERATION_KEY)
    return token


def _new_generation() -> None:
    # A random token, not a counter: a counter emptied with the cache would start again at a
    # number older pages were kept under.
    cache.set(GENERATION_KEY, secrets.token_hex(8), None)


def forget(**kwargs: Any) -> None:
    """Every kept page is out of date: at once and when the transaction commits. A signal
    receiver (any sender)."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _consent(request: HttpRequest) -> str:
    """What a kept page shows of the visitor's cookies: their choice for each cookie group
    (the cookie bar asks for the groups not chosen yet; the Pixel needs marketing), as the
    request reads it (a choice on an older wording is no choice, visitors/middleware.py).
    Without a consent cookie nothing is chosen yet (and the groups need not be looked up)."""
    if settings.COOKIE_CONSENT_NAME not in request.COOKIES:
        return ""
    return ",".join(
        f"{name}={get_cookie_value_from_request(request, name)}"
        for name in sorted(all_cookie_groups())
    )


def _key(request: HttpRequest) -> str:
    return "\x00".join(
        (translation.get_language() or "", request.build_absolute_uri(), _consent(request))
    )


@dataclass(frozen=True)
class _Draft:
    """A page just made, to be kept if the middleware finds it is public."""

    key: str
    generation: str
    fresh_until: datetime.datetime
    headers: tuple[tuple[str, str], ...]
    each_time: tuple[EachTime, ...]


def _served(request: HttpRequest, page: Page) -> HttpResponse:
    response = HttpResponse(page.content, headers=dict(page.headers))
    if page.nonce:
        request._csp_nonce = page.nonce  # type: ignore[attr-defined]  # django-csp reads it
    if page.csp_allowed:
        request.csp_allowed = {k: list(v) for k, v in page.csp_allowed.items()}  # type: ignore[attr-defined]
    request.page_was_kept = True  # type: ignore[attr-defined]
    for action in page.each_time:
        action(request)
    return response


def kept_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Serve the view's page from the process's pages when one is kept for this request,
    else make it and offer it to `keep` (called by config.caching's middleware, which knows
    whether the page is public)."""
    from . import caching

    @wraps(view)
    def serve(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if settings.PAGE_CACHE_BYTES <= 0 or not caching.may_be_public(request):
            return view(request, *args, **kwargs)
        key, token, now = _key(request), generation(), timezone.now()
        page = store.get(key)
        if page is not None and page.generation == token and now < page.fresh_until:
            return _served(request, page)
        making = _Making(now + datetime.timedelta(seconds=settings.CACHE_PUBLIC_MAX_AGE))
        reset = _making.set(making)
        try:
            response = view(request, *args, **kwargs)
        finally:
            _making.reset(reset)
        if response.status_code == 200 and not response.streaming and making.fresh_until > now:
            response.page_draft = _Draft(  # type: ignore[attr-defined]
                key, token, making.fresh_until, tuple(response.items()), tuple(making.each_time)
            )
        return response

    return serve


def keep(request: HttpRequest, response: HttpResponseBase) -> None:
    """Keep the page made for `request` (a public one, see config.caching.set_headers)."""
    draft: _Draft | None = getattr(response, "page_draft", None)
    if draft is None or not isinstance(response, HttpResponse):
        return
    page = Page(
        generation=draft.generation,
        fresh_until=draft.fresh_until,
        content=response.content,
        headers=draft.headers,
        nonce=getattr(request, "_csp_nonce", None),
        csp_allowed=getattr(request, "csp_allowed", None),
        each_time=draft.each_time,
    )
    store.put(draft.key, page, settings.PAGE_CACHE_BYTES)
