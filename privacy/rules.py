"""The named retention rules of the privacy notice: the only place a period is written.

Each rule of ../shared/spec/privacy-rules.md is here from the start; a rule whose data does
not exist yet simply has no declarations (and reports 0 rows). An operator overrides a
period in settings, e.g. PRIVACY_RETENTION_OVERRIDES = {"billing.bookkeeping": {"years": 7}}
(or BOOKKEEPING_YEARS=7), and the published notice shows what is configured. A description
holds its period as `%(period)s`: every sentence that mentions a period renders it from the
rule through privacy.periods, so no other text writes a period.
"""

from dataclasses import dataclass, replace
from enum import StrEnum

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .vocabulary import Action


class Clock(StrEnum):
    """When a rule's period starts counting."""

    LAST_SEEN = "last_seen"  # last day seen signed in (or sign-up)
    LAPSE_OR_WITHDRAWAL = "lapse_or_withdrawal"
    SUBMISSION = "submission"
    AD_INACTIVE = "ad_inactive"  # the ad stopped being active
    FINANCIAL_YEAR_END = "financial_year_end"  # end of the financial year of the transaction
    COLLECTION = "collection"
    LAST_MESSAGE = "last_message"
    COOPERATION_END = "cooperation_end"  # marked by staff
    LAST_USE = "last_use"  # last send under a consent, or its withdrawal
    SET = "set"  # a cookie is set


@dataclass(frozen=True)
class Period:
    years: int = 0
    months: int = 0
    days: int = 0

    @property
    def is_immediate(self) -> bool:
        return not (self.years or self.months or self.days)


@dataclass(frozen=True)
class Rule:
    name: str
    data: str | Promise
    clock: Clock
    period: Period | None  # None: no fixed period (cookies' own lifetimes, partners)
    action: Action
    description: str | Promise

    def with_period(self, period: Period | None) -> "Rule":
        return replace(self, period=period)


_RULES = (
    Rule(
        "seeker.inactive_account",
        _("Seeker account, profile, documents and applications"),
        Clock.LAST_SEEN,
        Period(years=1),
        Action.DELETE,
        _("Deleted %(period)s after you were last signed in. We e-mail you 30 days before."),
    ),
    Rule(
        "seeker.job_alerts",
        _("Job-alert e-mails to a consenting seeker"),
        Clock.LAST_SEEN,
        Period(years=2),
        Action.STOP,
        _(
            "Job alerts stop %(period)s after you were last signed in, or at once when you "
            "unsubscribe."
        ),
    ),
    Rule(
        "seeker.job_alert_consent",
        _("Proof of job-alert consent and its withdrawal or lapse"),
        Clock.LAPSE_OR_WITHDRAWAL,
        Period(years=2),
        Action.DELETE,
        _("Kept %(period)s after the alerts lapse or are withdrawn, to document the consent."),
    ),
    Rule(
        "applications.portal",
        _("Applications sent through the site, with their attachments"),
        Clock.SUBMISSION,
        Period(months=6),
        Action.DELETE,
        _("Deleted %(period)s after the application was sent."),
    ),
    Rule(
        "ads.public_contact",
        _("Contact person's name, e-mail and phone in an ad"),
        Clock.AD_INACTIVE,
        Period(),
        Action.HIDE,
        _(
            "Removed from every public page, feed and search as soon as the ad is no longer "
            "active; kept for our staff."
        ),
    ),
    Rule(
        "ads.ad",
        _("The ad itself with its personal data"),
        Clock.AD_INACTIVE,
        Period(years=5),
        Action.DELETE,
        _("Deleted %(period)s after the ad stopped being active."),
    ),
    Rule(
        "billing.bookkeeping",
        _("Orders, invoices, payments and reminders with their billing data"),
        Clock.FINANCIAL_YEAR_END,
        Period(years=5),
        Action.DELETE,
        _("Kept as bookkeeping law requires, counted from the end of the financial year."),
    ),
    Rule(
        "visitors.tracking",
        _(
            "Visitor data: ads viewed, contact details revealed, device, browser, referrer, "
            "network address"
        ),
        Clock.COLLECTION,
        Period(months=12),
        Action.DELETE,
        _("Deleted %(period)s after collection, unless held for a dispute."),
    ),
    Rule(
        "support.requests",
        _("Support requests and their correspondence"),
        Clock.LAST_MESSAGE,
        Period(months=12),
        Action.DELETE,
        _("Deleted %(period)s after the last message."),
    ),
    Rule(
        "contacts.long_term",
        _("Deletion agreements, dialogue about rejecting a user, payment enquiries"),
        Clock.LAST_MESSAGE,
        Period(years=5),
        Action.DELETE,
        _("Deleted %(period)s after the last message."),
    ),
    Rule(
        "contacts.partner",
        _("Partner and customer contacts"),
        Clock.COOPERATION_END,
        Period(),
        Action.DELETE,
        _("Kept while we cooperate; deleted once the cooperation has ended."),
    ),
    Rule(
        "newsletter.consent",
        _("Newsletter consents and withdrawal records"),
        Clock.LAST_USE,
        Period(years=2),
        Action.DELETE,
        _("Deleted %(period)s after the consent was last used or withdrawn."),
    ),
    Rule(
        "cookies",
        _("Cookies"),
        Clock.SET,
        None,
        Action.DELETE,
        _("Each cookie has its own lifetime, listed on the cookie page."),
    ),
)


def _configured_period(rule: Rule) -> Period | None:
    overrides = dict(getattr(settings, "PRIVACY_RETENTION_OVERRIDES", {}) or {})
    if rule.name == "billing.bookkeeping" and rule.name not in overrides:
        overrides[rule.name] = {"years": getattr(settings, "BOOKKEEPING_YEARS", 5)}
    if rule.name in overrides:
        return Period(**overrides[rule.name])
    return rule.period


def all_rules() -> tuple[Rule, ...]:
    """Every rule, with the periods configured for this deployment."""
    return tuple(rule.with_period(_configured_period(rule)) for rule in _RULES)


def get_rule(name: str) -> Rule:
    for rule in all_rules():
        if rule.name == name:
            return rule
    raise KeyError(f"No retention rule named {name!r}")


RULE_NAMES = frozenset(rule.name for rule in _RULES)
