"""What each cookie group and cookie is for and how long it lives, in the user's language.

The groups and cookies themselves are rows of django-cookie-consent (created by the data
migration privacy/0003); their purposes and lifetimes are written here, translatable, and
the lifetimes of our own cookies are read from the settings that set them.
"""

import hashlib

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

NECESSARY, STATISTICS, MARKETING = "necessary", "statistics", "marketing"
# The cookie of the statistics group: a random, pseudonymous visitor id (visitors/).
VISITOR_COOKIE = "visitor"
VISITOR_COOKIE_AGE = 60 * 60 * 24 * 365

BANNER = _(
    "We use necessary cookies to make the site work. With your consent we also count "
    "visits (statistics) and measure our ads with the Facebook Pixel (marketing)."
)
BANNER_WITHOUT_PIXEL = _(
    "We use necessary cookies to make the site work. With your consent we also count "
    "visits (statistics)."
)


def offered(varname: str) -> bool:
    """Is consent asked for this group? Marketing only where the Facebook Pixel is set up
    (FACEBOOK_PIXEL_ID): nobody is asked to accept what the site does not do."""
    return varname != MARKETING or bool(settings.FACEBOOK_PIXEL_ID)


def banner() -> str | Promise:
    """The bar's wording for the groups offered: part of the versioned text below."""
    return BANNER if offered(MARKETING) else BANNER_WITHOUT_PIXEL


GROUPS = {
    NECESSARY: (
        _("Necessary cookies"),
        _(
            "Needed for the site to work: signing in, protection against forged forms, "
            "your language and your cookie choices. They are always on."
        ),
    ),
    STATISTICS: (
        _("Statistics cookies"),
        _(
            "Count which pages and ads are viewed, for how long and how often, under a "
            "random visitor number: no name, no address. When the page views are deleted, "
            "only daily totals without any visitor number remain."
        ),
    ),
    MARKETING: (
        _("Marketing cookies"),
        _(
            "Let Facebook measure our ads and show you relevant ads (the Facebook "
            "Pixel). Never with advanced matching: your e-mail address and phone "
            "number are not sent."
        ),
    ),
}


def _duration(seconds: int | None) -> str:
    if seconds is None:
        return gettext("Until you close the browser")
    days = seconds // 86400
    if days >= 365 and days % 365 == 0:
        return ngettext("%(n)d year", "%(n)d years", days // 365) % {"n": days // 365}
    return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}


def _lifetimes() -> dict[str, str]:
    return {
        settings.SESSION_COOKIE_NAME: _duration(settings.SESSION_COOKIE_AGE),
        settings.CSRF_COOKIE_NAME: _duration(settings.CSRF_COOKIE_AGE),
        settings.LANGUAGE_COOKIE_NAME: _duration(settings.LANGUAGE_COOKIE_AGE),
        settings.COOKIE_CONSENT_NAME: _duration(settings.COOKIE_CONSENT_MAX_AGE),
        VISITOR_COOKIE: _duration(VISITOR_COOKIE_AGE),
        "_fbp": _duration(90 * 86400),
        "fr": _duration(90 * 86400),
    }


PURPOSES = {
    "sessionid": _("Keeps you signed in and remembers what you did on this visit."),
    "csrftoken": _("Protects the forms on the site against forgery."),
    "django_language": _("Remembers the language you chose."),
    "cookie_consent": _(
        "Remembers which cookies you accepted or declined, and a random number that links "
        "your choice to our record of it."
    ),
    VISITOR_COOKIE: _("A random visitor number that counts your visits and page views."),
    "_fbp": _("Facebook Pixel: lets Facebook recognise your browser to measure our ads."),
    "fr": _("Facebook: ad delivery and measurement, set by facebook.com."),
}


def group_info(varname: str) -> dict[str, str | Promise]:
    name, description = GROUPS.get(varname, ("", ""))
    return {"name": name, "description": description}


def cookie_info(name: str) -> dict[str, str | Promise]:
    return {"purpose": PURPOSES.get(name, ""), "lifetime": _lifetimes().get(name, "")}


def notice_text() -> str:
    """The whole wording a cookie choice is made on, in English (the source text): the
    banner, each group's purpose, and each cookie with its purpose and lifetime. A change to
    any of them is a new version, and every visitor is asked again."""
    from cookie_consent.cache import all_cookie_groups

    with translation.override("en"):
        lines = [str(banner())]
        for varname, group in sorted(all_cookie_groups().items()):
            if not offered(varname):
                continue
            info = group_info(varname)
            lines.append(f"[{varname}] {info['name']}: {info['description']}")
            for cookie in sorted(group.cookie_set.all(), key=lambda c: (c.name, c.domain)):
                about = cookie_info(cookie.name)
                purpose = about["purpose"] or cookie.description
                lines.append(f"- {cookie.name} {cookie.domain}: {purpose} ({about['lifetime']})")
    return "\n".join(lines)


def notice_version() -> str:
    """A short fingerprint of `notice_text()`, kept in the consent cookie."""
    return hashlib.sha256(notice_text().encode("utf-8")).hexdigest()[:12]
