"""Result cards: each ad's card is rendered once per language and kept in the cache.

A page of results used to render twenty cards through the template engine (a logo include,
two URLs, four dates, three translations each): more than the search's own SQL. Now a card
is a pure function of a few values of its ad, read by `source()` into a `CardSource`: the
template gets only what `_context()` makes of that tuple, never the ad. The cache key is a
digest of the tuple, the language and the code that renders it (`_code_version`), so a key
changes exactly when the card would: a title edited (by a form, admin or an UPDATE), a
company renamed or given a new logo, a restriction placed or lifted, a municipality renamed
by an import, another language, a deploy with a new template, URL or time zone. Nothing has
to be invalidated; old entries are never read again and expire (TIMEOUT).

Nothing personal is in a cached card: the heart (whether this person saved the ad, their
CSRF token) is rendered for each request and put after the cached part, inside the card.
A restricted company is in the tuple as hidden, without its name: while the restriction
holds, the cached card does not carry it.
"""

import datetime
import hashlib
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.urls import get_script_prefix, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import Ad

TEMPLATE = "components/ad_card.html"
TIMEOUT = 60 * 60  # a stale entry is never served; this only bounds how long it is kept
KEY_PREFIX = "adcard"


class CardSource(NamedTuple):
    """Everything a card shows (and the contact person's restriction, see below)."""

    pk: int
    title: str
    is_featured: bool
    published_at: datetime.datetime | None
    last_application_date: datetime.date | None
    company_name: str  # "" while the company is restricted
    company_id: int | None  # None while restricted: no logo either
    logo_version: str  # "" without a logo
    municipality: str
    # Not shown on a card today; in the key so that no card can ever outlive a restriction
    # of its contact person (should a card one day name them).
    contact_hidden: bool


def source(ad: Ad) -> CardSource:
    named = not ad.company_hidden
    company = ad.company
    return CardSource(
        pk=ad.pk,
        title=ad.title,
        is_featured=ad.is_featured,
        published_at=ad.published_at,
        last_application_date=ad.last_application_date,
        company_name=company.name if named else "",
        company_id=company.pk if named else None,
        logo_version=company.logo_version if named else "",
        municipality=ad.municipality.name,
        contact_hidden=ad.contact_hidden,
    )


def _context(card: CardSource) -> dict[str, Any]:
    """What the template shows, from the tuple alone (dates formatted here, once)."""
    published = timezone.localtime(card.published_at) if card.published_at else None
    apply_by = card.last_application_date
    return {
        # An unsaved Ad only to reuse the one rule for the address (slug of the title).
        "url": Ad(pk=card.pk, title=card.title).get_absolute_url(),
        "title": card.title,
        "is_featured": card.is_featured,
        "company_hidden": card.company_id is None,
        "company_name": card.company_name,
        "logo": (
            {"pk": card.company_id, "logo_version": card.logo_version}
            if card.company_id is not None and card.logo_version
            else None
        ),
        "municipality": card.municipality,
        "published_at": published.isoformat() if published else "",
        "published_on": published.date().isoformat() if published else "",
        "apply_by": apply_by.isoformat() if apply_by else "",
    }


_code_versions: dict[tuple[str, str], str] = {}
# The card template's words: a new translation of one is a new card.
CARD_WORDS = ("Published", "Apply by", "Employer not named")


def _code_version(language: str) -> str:
    """The rendering code's part of the key: the templates, the card's URLs and words in
    this language, and the time zone. Computed once per process (and language), so a
    deploy that changes any of them starts on new keys."""
    memo = (language, get_script_prefix())
    if memo not in _code_versions:
        with translation.override(language):
            parts = [
                get_template(TEMPLATE).template.source,  # type: ignore[attr-defined]
                get_template("components/company_logo.html").template.source,  # type: ignore[attr-defined]
                reverse("jobs:detail_slug", kwargs={"pk": 1, "slug": "x"}),
                reverse("companies:logo", args=[1, "x"]),
                *(_(word) for word in CARD_WORDS),
                settings.TIME_ZONE,
            ]
        _code_versions[memo] = _digest("\x00".join(parts))
    return _code_versions[memo]


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def key(card: CardSource, language: str | None = None) -> str:
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return (
        f"{KEY_PREFIX}:{language}:{card.pk}:{_digest(_code_version(language) + repr(tuple(card)))}"
    )


def render_fragment(card: CardSource) -> str:
    """The card without its heart and closing tag, freshly rendered."""
    return get_template(TEMPLATE).render({"card": _context(card)})


def fragments(ads: Iterable[Ad]) -> list[tuple[Ad, str]]:
    """Each ad with its card's cached part: one cache read for the page, one write for
    the cards it did not hold."""
    ads = list(ads)
    keys = [key(source(ad)) for ad in ads]
    found = cache.get_many(keys)
    missing = {}
    for ad, k in zip(ads, keys, strict=True):
        if k not in found:
            found[k] = missing[k] = render_fragment(source(ad))
    if missing:
        cache.set_many(missing, TIMEOUT)
    return [(ad, found[k]) for ad, k in zip(ads, keys, strict=True)]


def hearts(saving: dict | None) -> Callable[[Ad], str]:
    """The save button of each card (components/save_button.html written in Python, which
    a test holds to the same markup): per person, so made for every request and never
    cached, with what is the same for the whole page worked out once."""
    if not saving:
        return lambda ad: ""
    if saving["may_save"]:
        token, back = saving["csrf_token"], saving["next"]
        saved_label, remove_label, save_label = _("Saved"), _("Remove"), _("Save")

        def heart(ad: Ad) -> str:
            saved = getattr(ad, "is_saved", False)
            if saved:
                label = format_html(
                    '{}<span class="visually-hidden">: {}. {}</span>',
                    saved_label,
                    ad.title,
                    remove_label,
                )
            else:
                label = format_html(
                    '{}<span class="visually-hidden">: {}</span>', save_label, ad.title
                )
            return format_html(
                '<form method="post" action="{}" class="save-form">'
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
                '<input type="hidden" name="next" value="{}">'
                '<button type="submit" class="save-button{}">'
                '<span aria-hidden="true">{}</span> <span class="save-label">{}</span>'
                "</button></form>",
                reverse("jobs:unsave_ad" if saved else "jobs:save_ad", args=[ad.pk]),
                token,
                back,
                " is-saved" if saved else "",
                "♥" if saved else "♡",
                label,
            )

        return heart
    if saving["signed_in"]:  # staff and employers do not save jobs
        return lambda ad: ""
    login = f"{reverse('account_login')}?next={quote(saving['next'], safe='/')}"
    save_label, sign_in_first = _("Save"), _("sign in first")
    return lambda ad: format_html(
        '<a class="save-button" href="{}"><span aria-hidden="true">♡</span> '
        '<span class="save-label">{}<span class="visually-hidden">: {} ({})</span></span></a>',
        login,
        save_label,
        ad.title,
        sign_in_first,
    )


def render(ads: Iterable[Ad], saving: dict | None = None) -> SafeString:
    """The <li> cards of a list: the cached part, the heart when `saving` is given (see
    jobs.views.saved.mark_saved), the closing tag."""
    heart = hearts(saving)
    return mark_safe(  # noqa: S308 (both parts are escaped where they are made)
        "".join(f"{fragment}{heart(ad)}</li>" for ad, fragment in fragments(ads))
    )
