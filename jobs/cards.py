"""Result cards: each ad's card is rendered once per language and kept in the cache.

A page of results used to render twenty cards through the template engine (a logo include,
two URLs, four dates, three translations each): more than the search's own SQL. Now a card
is a pure function of a few values of its ad, read by `source()` into a `CardSource`: the
template gets only what `_context()` makes of that tuple, never the ad.

Each ad has one entry per language (`key`), holding the card and its `version`: a digest of
the tuple, the language and the code that renders it (`_code_version`). The version changes
exactly when the card would: a title edited (by a form, admin or an UPDATE), a company
renamed or given a new logo, a restriction placed or lifted, a municipality renamed by an
import, another language, a deploy with a new template, URL or time zone. A card whose
version differs is rendered again and replaces the old one, so an outdated card is never
served and an ad never has more than one card a language.

Nothing personal is in a cached card: the heart (whether this person saved the ad, their
CSRF token) is rendered for each request and put after the cached part, inside the card.
A restricted company is in the tuple as hidden, without its name. What a card shows of a
person (a sole trader's company is their name) also leaves the cache as soon as the ad, its
company or a restriction of either is written (`forget`, connected in jobs/apps.py), not
only at the entry's expiry.
"""

import datetime
import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template.loader import get_template
from django.urls import get_script_prefix, reverse
from django.utils import timezone, translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from config import page_cache

from .models import Ad

if TYPE_CHECKING:
    from django.db.models import QuerySet

TEMPLATE = "components/ad_card.html"
TIMEOUT = 60 * 60  # an outdated card is never served; this bounds how long an unused one stays
KEY_PREFIX = "adcard"
TITLE_MARK = "\x00title\x00"  # survives escaping as it is
PK_MARK = 4_611_686_018_427_387_904  # an id no ad has, replaced by each ad's


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


class Row:
    """A result read without model objects (see `rows`): its card's source, what the heart
    needs (the id, the title, and `is_saved`, which jobs.views.saved.mark_saved sets), and
    the ad's end (a kept page holds until the first of its ads ends)."""

    __slots__ = ("card", "ends_at", "is_saved")

    def __init__(self, card: CardSource, ends_at: datetime.datetime | None = None):
        self.card, self.ends_at, self.is_saved = card, ends_at, False

    @property
    def pk(self) -> int:
        return self.card.pk

    @property
    def title(self) -> str:
        return self.card.title


ROW_FIELDS = (
    "pk",
    "title",
    "is_featured",
    "published_at",
    "last_application_date",
    "company_id",
    "company__name",
    "company__logo",
    "municipality__name",
    "company_hidden",
    "contact_hidden",
    "ends_at",
)


def rows(ads: "QuerySet[Ad]") -> list[Row]:
    """The ads (annotated `with_restrictions`, in their order) as result rows, read as
    plain values: building twenty ads with their company and place as model objects cost
    more than the query that loads them."""
    return rows_of(ads.values_list(*ROW_FIELDS))


def rows_of(values: Iterable[tuple]) -> list[Row]:
    """Result rows from tuples of ROW_FIELDS. A page kept whole holds until the first of
    them ends (config/page_cache.py)."""
    made = []
    for (
        pk,
        title,
        is_featured,
        published_at,
        last_application_date,
        company_id,
        company_name,
        logo,
        municipality,
        company_hidden,
        contact_hidden,
        ends_at,
    ) in values:
        named = not company_hidden
        made.append(
            Row(
                CardSource(
                    pk=pk,
                    title=title,
                    is_featured=is_featured,
                    published_at=published_at,
                    last_application_date=last_application_date,
                    company_name=company_name if named else "",
                    company_id=company_id if named else None,
                    logo_version=logo_version(logo) if named else "",
                    municipality=municipality,
                    contact_hidden=contact_hidden,
                ),
                ends_at,
            )
        )
    ends = [row.ends_at for row in made if row.ends_at is not None]
    page_cache.fresh_until(min(ends, default=None))
    return made


def logo_version(stored_name: str) -> str:
    """As Company.logo_version, from the stored name alone (jobs does not import companies):
    the digest that names the logo file."""
    return Path(stored_name).stem if stored_name else ""


def source(ad: "Ad | Row") -> CardSource:
    if isinstance(ad, Row):
        return ad.card
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


def shown(card: CardSource, url: str) -> dict[str, Any]:
    """What any list of ads shows of one (a card, a job alert's digest): its address
    `url`, title, place and company, or that the company is not named (restricted)."""
    return {
        "url": url,
        "title": card.title,
        "company_hidden": card.company_id is None,
        "company_name": card.company_name,
        "municipality": card.municipality,
    }


def _context(card: CardSource) -> dict[str, Any]:
    """What the template shows, from the tuple alone (dates formatted here, once)."""
    published = timezone.localtime(card.published_at) if card.published_at else None
    apply_by = card.last_application_date
    # An unsaved Ad only to reuse the one rule for the address (slug of the title).
    return {
        **shown(card, Ad(pk=card.pk, title=card.title).get_absolute_url()),
        "pk": card.pk,  # the card's id: the heart's redirect comes back to it
        "is_featured": card.is_featured,
        "logo": (
            {"pk": card.company_id, "logo_version": card.logo_version}
            if card.company_id is not None and card.logo_version
            else None
        ),
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


def _language(language: str | None = None) -> str:
    return language or translation.get_language() or settings.LANGUAGE_CODE


def key(pk: int, language: str | None = None) -> str:
    """Where the ad's card in this language is kept: by the ad's id alone, so that it can
    be forgotten without knowing what it showed."""
    return f"{KEY_PREFIX}:{_language(language)}:{pk}"


def version(card: CardSource, language: str | None = None) -> str:
    """What the kept card must have been made from to be shown."""
    language = _language(language)
    return _digest(_code_version(language) + repr(tuple(card)))


def render_fragment(card: CardSource) -> str:
    """The card without its heart and closing tag, freshly rendered."""
    return get_template(TEMPLATE).render({"card": _context(card)})


def fragments(ads: Iterable["Ad | Row"]) -> list[tuple["Ad | Row", str]]:
    """Each ad with its card's cached part: one cache read for the page, one write for
    the cards it did not hold (or held in an older version)."""
    language = _language()
    made = [(ad, source(ad)) for ad in ads]
    keys = [key(card.pk, language) for _ad, card in made]
    found = cache.get_many(keys)
    missing = {}
    shown = []
    for (ad, card), k in zip(made, keys, strict=True):
        wanted = version(card, language)
        entry = found.get(k)
        if entry is None or entry[0] != wanted:
            entry = missing[k] = (wanted, render_fragment(card))
        shown.append((ad, entry[1]))
    if missing:
        cache.set_many(missing, TIMEOUT)
    return shown


def forget(pks: Iterable[int]) -> None:
    """Drop the kept cards of these ads, in every language."""
    keys = [key(pk, code) for pk in pks for code, _name in settings.LANGUAGES]
    if keys:
        cache.delete_many(keys)


def _forget_now_and_on_commit(pks: Callable[[], list[int]]) -> None:
    """At once, and again on commit: a page rendered between the two may have kept the
    card it made from what it read before the commit."""
    forget(pks())
    transaction.on_commit(lambda: forget(pks()))


def _oldest_end_with_cards() -> datetime.datetime:
    """A card is made only while its ad is public (before its end) and kept at most
    TIMEOUT: an ad that ended before this has no card left to forget."""
    return timezone.now() - datetime.timedelta(seconds=TIMEOUT)


def ad_saved(instance: Ad, **kwargs) -> None:
    """Receiver of Ad's saves."""
    pk = instance.pk
    _forget_now_and_on_commit(lambda: [pk])


def ad_deleted(instance: Ad, **kwargs) -> None:
    """Receiver of Ad's deletes: the retention rule's deletion of old ads, in their
    thousands, costs the cache nothing (a write that moved an ad's end into the past has
    already forgotten its cards)."""
    ended = instance.ends_at
    if ended is None or ended < _oldest_end_with_cards():
        return
    ad_saved(instance)


def company_written(instance, **kwargs) -> None:
    """Receiver of Company's saves: its name, logo or address (which a restriction names)
    may have changed on every card of its ads."""
    company_id = instance.pk

    def pks() -> list[int]:
        recent = Ad.objects.filter(company_id=company_id, ends_at__gte=_oldest_end_with_cards())
        return list(recent.values_list("pk", flat=True))

    _forget_now_and_on_commit(pks)


def restriction_written(instance, **kwargs) -> None:
    """Receiver of Restriction's saves (placed or lifted): the cards of the ads of the
    company with that address, and of the public ads naming it as their contact (cards
    are made of public ads only). Two lookups, each on an index: one query with "company
    or contact" read every ad."""
    email = instance.email

    def pks() -> list[int]:
        of_company = Ad.objects.filter(
            company__email__iexact=email, ends_at__gte=_oldest_end_with_cards()
        )
        of_contact = Ad.objects.public(timezone.now()).filter(contact_email__iexact=email)
        return [pk for ads in (of_company, of_contact) for pk in ads.values_list("pk", flat=True)]

    _forget_now_and_on_commit(pks)


def hearts(saving: dict | None) -> Callable[["Ad | Row"], str]:
    """The save button of each card (components/save_button.html written in Python, which
    a test holds to the same markup): per person, so made for every request and never
    cached, with what is the same for the whole page worked out once."""
    if not saving:
        return lambda ad: ""
    if saving["may_save"]:
        token, back = saving["csrf_token"], saving["next"]
        saved_label, remove_label, save_label = _("Saved"), _("Remove"), _("Save")

        def heart(ad: "Ad | Row") -> str:
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
    # Signed in, the visitor lands on the ad's save page, which leads back to this page.
    save = f"{reverse('jobs:save_ad', args=[PK_MARK])}?next={quote(saving['next'], safe='')}"
    login = f"{reverse('account_login')}?for=save&next={quote(save, safe='/')}"
    # The same link on every card but for the id and title: made once, those put in each.
    before, after = format_html(
        '<a class="save-button" href="{}"><span aria-hidden="true">♡</span> '
        '<span class="save-label">{}<span class="visually-hidden">: {} ({})</span></span></a>',
        login,
        _("Save"),
        TITLE_MARK,
        _("sign in first"),
    ).split(TITLE_MARK)
    start, middle = before.split(str(PK_MARK), 1)
    return lambda ad: f"{start}{ad.pk}{middle}{escape(ad.title)}{after}"


def render(ads: Iterable["Ad | Row"], saving: dict | None = None) -> SafeString:
    """The <li> cards of a list: the cached part, the heart when `saving` is given (see
    jobs.views.saved.mark_saved), the closing tag."""
    heart = hearts(saving)
    return mark_safe(  # noqa: S308 (both parts are escaped where they are made)
        "".join(f"{fragment}{heart(ad)}</li>" for ad, fragment in fragments(ads))
    )
