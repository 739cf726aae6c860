"""The personal data of the privacy app itself, declared for the registry."""

import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from privacy.models import ConsentRecord, Purpose
from privacy.registry import declare, exempt
from privacy.vocabulary import Action, LegalBasis, Subject

CONSENT_FIELDS = (
    "purpose",
    "email",
    "wording",
    "given_at",
    "method",
    "ip_address",
    "withdrawn_at",
    "withdrawal_method",
    "ended_at",
    "last_used_at",
)
# The exact text the person was shown, and its version.
CONSENT_CONTEXT = ("wording__text", "wording__version")
CONSENT_ITEM = _(
    "Consents you gave and withdrew: when, how, from which IP address (shortened to its "
    "network: IPv4 /24, IPv6 /48), and the wording you were shown"
)


def _job_alert_consents(qs: QuerySet[ConsentRecord]) -> QuerySet[ConsentRecord]:
    return qs.filter(purpose=Purpose.JOB_ALERTS)


def _newsletter_consents(qs: QuerySet[ConsentRecord]) -> QuerySet[ConsentRecord]:
    return qs.filter(purpose=Purpose.NEWSLETTER)


def _lapse_unused(consents: QuerySet[ConsentRecord], now: datetime.datetime) -> None:
    """A newsletter consent still running at the end of its rule was unused for the rule's
    period: it lapses now, never withdrawn, so its proof goes without suppressing the address
    (privacy.consent)."""
    consents.filter(withdrawn_at__isnull=True, ended_at__isnull=True).update(ended_at=now)


declare(
    model="privacy.ConsentRecord",
    subject=Subject.SEEKER,
    category=_("Consents and their withdrawal"),
    items=(CONSENT_ITEM,),
    fields=CONSENT_FIELDS,
    context=CONSENT_CONTEXT,
    purpose=_("Document that you agreed to receive job alerts, and when you stopped"),
    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
    rule="seeker.job_alert_consent",
    clock_field="ended_at",
    user_path="user",
    email_path="email",
    scope=_job_alert_consents,
    on_expiry=Action.DELETE,
    on_erase=Action.DELETE,
)

declare(
    model="privacy.ConsentRecord",
    subject=Subject.SUBSCRIBER,
    category=_("Consents and their withdrawal"),
    items=(
        _("E-mail address"),
        CONSENT_ITEM,
    ),
    fields=CONSENT_FIELDS,
    context=CONSENT_CONTEXT,
    purpose=_("Document that you agreed to receive our newsletter, and when you stopped"),
    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
    rule="newsletter.consent",
    clock_field="last_used_at",
    user_path="user",
    email_path="email",
    scope=_newsletter_consents,
    on_expiry=Action.DELETE,
    on_erase=Action.DELETE,
    before_act=_lapse_unused,
)

declare(
    model="privacy.AccessRequest",
    subject=Subject.CONTACT,
    category=_("Your requests about your personal data"),
    items=(
        _("E-mail address"),
        _("Your requests about your personal data, and when we answered them"),
    ),
    fields=("email", "opened_at", "closed_at"),
    purpose=_("Answer your request and document that we did"),
    legal_basis=LegalBasis.LEGAL_OBLIGATION,
    rule="contacts.long_term",
    clock_field="closed_at",
    user_path="user",
    email_path="email",
    on_expiry=Action.DELETE,
    on_erase=Action.KEEP,
    keep_reason=_("We must be able to show how we answered your requests (GDPR art. 5(2))"),
)

declare(
    model="privacy.Restriction",
    subject=Subject.CONTACT,
    category=_("Restrictions of processing you asked for"),
    items=(_("Restrictions of processing you asked for, and why"),),
    fields=("email", "reason", "created_at", "lifted_at", "kept_until"),
    purpose=_("Stop every use of your data except storage, as you asked"),
    legal_basis=LegalBasis.LEGAL_OBLIGATION,
    rule="contacts.long_term",
    # Counted from the lifting; a restriction an erasure placed over the data kept by law
    # counts from the day that data goes (it is never lifted: see Restriction.kept_until).
    clock_field="lifted_at",
    clock_fallback="kept_until",
    user_path="user",
    email_path="email",
    on_expiry=Action.DELETE,
    on_erase=Action.KEEP,
    keep_reason=_("The restriction protects the data we must keep (GDPR art. 18)"),
)

declare(
    model="privacy.LegalHold",
    subject=Subject.CONTACT,
    category=_("Legal holds for disputes"),
    items=(_("Disputes and legal claims that concern you"),),
    fields=("email", "reason", "ends_on", "created_at", "released_at"),
    purpose=_("Keep what a dispute or legal claim needs"),
    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
    rule="contacts.long_term",
    clock_field="released_at",
    email_path="email",
    on_expiry=Action.DELETE,
    on_erase=Action.KEEP,
    keep_reason=_("Needed to establish, exercise or defend legal claims (GDPR art. 17(3)(e))"),
)

declare(
    model="privacy.AuditEntry",
    subject=Subject.CONTACT,
    category=_("Who acted on requests, restrictions and holds"),
    items=(
        _("Who handled your requests, and when"),
        _("Who deleted an ad draft of your company, and when"),
    ),
    fields=("event", "at", "by"),
    purpose=_(
        "Show who placed or lifted a restriction or hold, and who handled a request, and when"
    ),
    legal_basis=LegalBasis.LEGAL_OBLIGATION,
    rule="contacts.long_term",
    clock_field="at",
    user_path="by",
    on_expiry=Action.DELETE,
    on_erase=Action.ANONYMISE,
    anonymise={"by": None},
)

exempt(
    "privacy.Suppression",
    fields=("email_hash",),
    reason="A salted one-way hash kept so a withdrawn address is never mailed "
    "again; it cannot be turned back into the address.",
)
exempt(
    "privacy.ConsentWording",
    fields=("text",),
    reason="The wording we showed, written by us: no person's data.",
)
exempt(
    "privacy.EnforcementLock",
    fields=("name",),
    reason="The name of a lock, e.g. privacy.enforce_retention: no person's data.",
)
