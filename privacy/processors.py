"""The processors and joint controllers the published notice lists: only those this
deployment uses.

The catalog below knows every kind the notice may name; settings say which are in use:
``PRIVACY_PROCESSORS`` (keys of the catalog, each optionally with the provider's name, see
.env.example) and, for the Facebook Pixel, ``FACEBOOK_PIXEL_ID`` (the pixel is rendered only
when it is set, so it is listed only then). Mandrill is listed whenever
``MANDRILL_API_KEY`` sends the mail, and Amazon whenever the files are kept in Amazon S3
itself (``AWS_STORAGE_BUCKET_NAME`` without an ``AWS_S3_ENDPOINT_URL`` of another provider,
who is named as ``storage``). A key the catalog does not know stops the start-up: a typo
would silently drop a processor from the notice.

A party that collects data about our visitors on our pages (the Pixel) also says what it
collects, why and on what legal basis: the notice adds these items to the visitors' list,
the way the registry's declarations give ours.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .vocabulary import LegalBasis, Subject


class Role(StrEnum):
    PROCESSOR = "processor"
    JOINT_CONTROLLER = "joint_controller"


FACEBOOK_IRELAND = (
    "Meta Platforms Ireland Ltd., 4 Grand Canal Square, Grand Canal Harbour, Dublin 2, Ireland"
)
FACEBOOK_PRIVACY = "https://www.facebook.com/about/privacy"


@dataclass(frozen=True, kw_only=True)
class Party:
    key: str
    role: Role
    kind: str | Promise  # what the notice calls it: "Hosting provider"
    task: str | Promise  # what it does for us
    name: str = ""  # the provider, from the settings (or fixed, for Facebook)
    # (label, address) of the terms the person may read.
    links: tuple[tuple[str | Promise, str], ...] = ()
    # Transfer to a third country, and on what ground; empty: none.
    transfer: str | Promise = ""
    transfer_terms: str = ""  # the address of the transfer terms, where published
    # Data it collects about a subject on our pages, as the notice lists them.
    subject: Subject | None = None
    items: tuple[str | Promise, ...] = ()
    purpose: str | Promise = ""
    legal_basis: LegalBasis | None = None
    # A joint controller that also acts as our processor (listed among the processors too).
    processor_too: bool = False
    # In use without being listed in PRIVACY_PROCESSORS (read from another setting).
    in_use: Callable[[], bool] | None = None
    # Also in use when this setting is set, listed in PRIVACY_PROCESSORS or not.
    used_by_setting: str = ""


def _pixel_in_use() -> bool:
    return bool(settings.FACEBOOK_PIXEL_ID)


def _amazon_s3_in_use() -> bool:
    """Files in Amazon S3 itself (another S3-compatible provider is `storage`, named)."""
    return bool(settings.AWS_STORAGE_BUCKET_NAME) and not settings.AWS_S3_ENDPOINT_URL


CATALOG: tuple[Party, ...] = (
    Party(
        key="hosting",
        role=Role.PROCESSOR,
        kind=_("Hosting provider"),
        task=_("Runs our servers and stores the site's data"),
    ),
    Party(
        key="email",
        role=Role.PROCESSOR,
        kind=_("E-mail delivery service"),
        task=_("Delivers the e-mails the site sends"),
    ),
    Party(
        key="mandrill",
        role=Role.PROCESSOR,
        kind=_("E-mail delivery service"),
        name="Mandrill (Intuit Inc.)",
        task=_("Delivers the e-mails the site sends"),
        transfer=_("to the USA, under the European Commission's standard contractual clauses"),
        used_by_setting="MANDRILL_API_KEY",
    ),
    Party(
        key="storage",
        role=Role.PROCESSOR,
        kind=_("File storage service"),
        task=_("Stores the documents you upload and our invoices"),
    ),
    Party(
        key="amazon_s3",
        role=Role.PROCESSOR,
        kind=_("File storage service"),
        name="Amazon Web Services EMEA SARL (Amazon S3)",
        task=_("Stores the documents you upload and our invoices"),
        in_use=_amazon_s3_in_use,
    ),
    Party(
        key="mailchimp",
        role=Role.PROCESSOR,
        kind=_("Newsletter service"),
        name="MailChimp (Intuit Inc.)",
        task=_("Sends our newsletter"),
        transfer=_("to the USA, under the European Commission's standard contractual clauses"),
    ),
    Party(
        key="support",
        role=Role.PROCESSOR,
        kind=_("Technical development and support"),
        task=_("Develops and maintains the site, and may see its data when fixing faults"),
    ),
    Party(
        key="telephony",
        role=Role.PROCESSOR,
        kind=_("Telephone system"),
        task=_("Handles calls to and from us"),
    ),
    Party(
        key="analytics",
        role=Role.PROCESSOR,
        kind=_("Analytics service"),
        task=_("Counts how the site is used, after your consent to statistics cookies"),
    ),
    Party(
        key="vimeo",
        role=Role.PROCESSOR,
        kind=_("Video player"),
        name="Vimeo",
        task=_("Plays videos embedded on our pages"),
    ),
    Party(
        key="youtube",
        role=Role.PROCESSOR,
        kind=_("Video player"),
        name="YouTube (Google Ireland Ltd.)",
        task=_("Plays videos embedded on our pages"),
    ),
    Party(
        key="linkedin",
        role=Role.PROCESSOR,
        kind=_("Social network"),
        name="LinkedIn",
        task=_("Measures our ads on LinkedIn"),
    ),
    Party(
        key="facebook_pixel",
        role=Role.JOINT_CONTROLLER,
        kind=_("Facebook Pixel"),
        name=FACEBOOK_IRELAND,
        task=_(
            "Collects event data on our pages after you accept marketing cookies, to measure "
            "our ads and show you targeted ads; it also provides us with measurement and "
            "analytics as our processor"
        ),
        links=(
            (
                _("Facebook Business Tools terms (event data, points 2.a.ii and 5.a.ii)"),
                "https://www.facebook.com/legal/terms/businesstools",
            ),
            (
                _("How responsibility is shared (controller addendum)"),
                "https://www.facebook.com/legal/controller_addendum",
            ),
            (_("Facebook's privacy policy and your rights there"), FACEBOOK_PRIVACY),
        ),
        transfer=_(
            "to Facebook in the USA when Facebook acts as our processor, under the European "
            "Commission's standard contractual clauses"
        ),
        transfer_terms="https://www.facebook.com/legal/EU_data_transfer_addendum",
        subject=Subject.VISITOR,
        items=(
            _(
                "Facebook Pixel, after your consent: a technical identifier that links your "
                "browser to Facebook (the _fbp cookie)"
            ),
            _("Facebook Pixel, after your consent: your IP address, sent by your browser"),
            _(
                "Facebook Pixel, after your consent: which pages of the site you view, when "
                "and how often"
            ),
        ),
        purpose=_("Measure our ads and show you targeted ads, together with Facebook"),
        legal_basis=LegalBasis.CONSENT,
        processor_too=True,
        in_use=_pixel_in_use,
    ),
    Party(
        key="facebook_page",
        role=Role.JOINT_CONTROLLER,
        kind=_("Our Facebook page (Page Insights)"),
        name=FACEBOOK_IRELAND,
        task=_("Gives us statistics about the visitors of our Facebook page"),
        links=(
            (
                _("How responsibility for Page Insights is shared"),
                "https://www.facebook.com/legal/terms/information_about_page_insights_data",
            ),
            (_("Facebook's privacy policy and your rights there"), FACEBOOK_PRIVACY),
        ),
        subject=Subject.CONTACT,
        items=(_("Statistics about visits to our Facebook page (Page Insights)"),),
        purpose=_("Understand who follows our Facebook page, from Facebook's statistics"),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
    ),
)
KEYS = frozenset(party.key for party in CATALOG)
# Keys set by another setting, not by PRIVACY_PROCESSORS.
AUTOMATIC = frozenset(party.key for party in CATALOG if party.in_use is not None)


def check_configuration() -> None:
    """Stop the start-up on a key PRIVACY_PROCESSORS names that the catalog does not know."""
    configured: dict[str, str] = settings.PRIVACY_PROCESSORS
    unknown = sorted(set(configured) - (KEYS - AUTOMATIC))
    if unknown:
        known = ", ".join(sorted(KEYS - AUTOMATIC))
        raise ImproperlyConfigured(
            f"PRIVACY_PROCESSORS names {', '.join(unknown)}, which privacy/processors.py does "
            f"not know. Known: {known} (the Facebook Pixel follows FACEBOOK_PIXEL_ID)."
        )


def in_use() -> tuple[Party, ...]:
    """The parties this deployment uses, in the catalog's order, with the configured names."""
    check_configuration()
    configured: dict[str, str] = settings.PRIVACY_PROCESSORS
    parties = []
    for party in CATALOG:
        if party.in_use is not None:
            if party.in_use():
                parties.append(party)
        elif party.key in configured:
            parties.append(replace(party, name=configured[party.key] or party.name))
        elif party.used_by_setting and getattr(settings, party.used_by_setting, None):
            parties.append(party)
    return tuple(parties)
