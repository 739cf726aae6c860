"""Who the client is, and how often it may do something, counted in the cache.

The client's address: behind TRUSTED_PROXY_COUNT proxies of our own, REMOTE_ADDR is the
nearest proxy and each proxy appends the address it was called from to X-Forwarded-For, so
the client is the entry that many places from the right (anything further left is what the
client itself sent, and may be made up). With no trusted proxy the header is ignored: a
client cannot choose its own address. allauth is told the same count.

Limits are fixed windows in Django's cache (Redis in production: shared by every process):
`limit(scope, key, "5/m,40/d")` counts one hit against each window and answers how many
seconds to wait when a window is full. Keys are hashed: no address or id in the cache keys.
`limit_request(request, action)` applies settings.RATE_LIMITS[action] to the client and the
signed-in user; `too_many()` is the refusal: a 429 page that says why and for how long.
"""

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if len(forwarded) < proxies:
        return remote  # not through our proxies: the peer is the client
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def client_key(request) -> str:
    """The client as a rate-limit key: its address, an IPv6 address as its /64."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return str(parsed)


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        """ "5/m", "40/d", "10/300s" -> Rate."""
        amount, _, period = text.strip().partition("/")
        count = period[:-1] or "1"
        return cls(int(amount), int(count) * UNITS[period[-1]])


def rates(text: str) -> list[Rate]:
    return [Rate.parse(part) for part in text.split(",") if part.strip()]


def limit(scope: str, key: str, spec: str, *, now: float | None = None) -> int:
    """Count one hit of `key` in `scope`; 0 if allowed, else the seconds until it is."""
    now = time.time() if now is None else now
    digest = hashlib.sha256(f"{scope}|{key}".encode()).hexdigest()[:32]
    wait = 0
    for rate in rates(spec):
        window = int(now // rate.seconds)
        cache_key = f"rl:{scope}:{rate.amount}/{rate.seconds}:{digest}:{window}"
        cache.add(cache_key, 0, timeout=rate.seconds + 1)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, timeout=rate.seconds + 1)
            count = 1
        if count > rate.amount:
            wait = max(wait, int((window + 1) * rate.seconds - now) + 1)
    return wait


def limit_request(request, action: str) -> int:
    """Count one `action` for the client and the signed-in user; 0 or the seconds to wait."""
    limits = settings.RATE_LIMITS[action]
    wait = limit(f"{action}:client", client_key(request), limits["client"])
    if request.user.is_authenticated:
        wait = max(wait, limit(f"{action}:user", str(request.user.pk), limits["user"]))
    return wait


def wait_phrase(seconds: int) -> str:
    """ "45 seconds", "3 minutes" in the active language."""
    if seconds < 120:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


def too_many(request, *, message: str, wait: int) -> HttpResponse:
    response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(wait)
    return response
