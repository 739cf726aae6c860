"""What an ad view or contact reveal records about the visitor, and how little.

Decisions (rule `visitors.tracking`, kept for its period):

- No cookie. The session identifier is an HMAC-SHA256, keyed with SECRET_KEY, of the day,
  the full IP address and the User-Agent. It groups one visitor's views within one day (for
  "unique visitors" counts) and changes at midnight, so no trail across days exists and the
  address cannot be recovered from it.
- The IP address is kept truncated (privacy.network, as every stored address): IPv4 to its
  /24 network, IPv6 to its /48. That is what abuse handling needs (block or report a
  network) without pointing at one household.
- Device class and browser family come from a few substring tests on the User-Agent; the
  User-Agent itself is not stored. Language is the first tag of Accept-Language.
- The referrer is kept as a host name only (no path, no query string, which can carry
  personal data); our own host is dropped.
- Bots (a User-Agent naming itself a bot, crawler, spider ...) are not recorded at all.
"""

import hashlib
import hmac
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from config.ratelimit import client_ip
from privacy.network import truncate_ip

from .models import DeviceClass

BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|facebookexternalhit|embedly|preview|curl|wget|python-requests|"
    r"httpclient|headless|lighthouse|monitor|scanner|feedfetcher|bingpreview|validator",
    re.IGNORECASE,
)
BROWSERS = (  # order matters: Edge and Opera also say Chrome; Chrome also says Safari
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("Opera", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS", "Firefox"),
    ("CriOS", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chrome"),
    ("Safari/", "Safari"),
    ("Trident/", "Internet Explorer"),
)


@dataclass(frozen=True)
class Visitor:
    session_hash: str
    device_class: str
    browser_family: str
    language: str
    referrer: str
    ip_network: str | None

    @property
    def is_bot(self) -> bool:
        return self.device_class == DeviceClass.BOT


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(BOT_PATTERN.search(user_agent))


def device_class(user_agent: str) -> str:
    if is_bot(user_agent):
        return DeviceClass.BOT
    ua = user_agent.lower()
    if "ipad" in ua or "tablet" in ua or ("android" in ua and "mobile" not in ua):
        return DeviceClass.TABLET
    if "mobi" in ua or "iphone" in ua or "ipod" in ua:
        return DeviceClass.MOBILE
    if any(s in ua for s in ("windows", "macintosh", "x11", "linux", "cros")):
        return DeviceClass.DESKTOP
    return DeviceClass.OTHER


def browser_family(user_agent: str) -> str:
    for needle, family in BROWSERS:
        if needle in user_agent:
            return family
    return "Other" if user_agent else ""


def language(accept_language: str) -> str:
    first = (accept_language or "").split(",")[0].split(";")[0].strip()
    return first[:35] if re.fullmatch(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*", first) else ""


def referrer_host(referer: str, own_host: str) -> str:
    try:
        host = (urlsplit(referer or "").hostname or "").lower()
    except ValueError:
        return ""
    own = own_host.split(":")[0].lower()
    return "" if host == own else host[:255]


def session_hash(*, ip: str, user_agent: str, day) -> str:
    message = f"{day.isoformat()}|{ip}|{user_agent}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def visitor_from_request(request, *, day) -> Visitor:
    meta = request.META
    user_agent = meta.get("HTTP_USER_AGENT", "")[:1000]
    ip = client_ip(request)  # behind our proxies, the client's (config/ratelimit.py)
    return Visitor(
        session_hash=session_hash(ip=ip, user_agent=user_agent, day=day),
        device_class=device_class(user_agent),
        browser_family=browser_family(user_agent)[:40],
        language=language(meta.get("HTTP_ACCEPT_LANGUAGE", "")),
        referrer=referrer_host(meta.get("HTTP_REFERER", ""), request.get_host()),
        ip_network=truncate_ip(ip),
    )
