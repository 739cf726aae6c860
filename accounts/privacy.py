"""The personal data of the accounts app, declared for the privacy registry.

A job seeker's data live under `seeker.inactive_account`: the rule's period after the person
was last seen signed in (User.last_seen_on, see accounts.middleware) the account goes, and
with it the profile, the documents, the e-mail addresses and the authenticators; a warning
goes 30 days before. A company's contact person may also use the site as a job seeker: their
own profile and documents are a seeker's data and go the same way, on the same clock, after
the same warning. Their account, addresses and second factor act for the company, under
`contacts.partner`: kept while the company cooperates with us, and switched off, not
deleted, after the seeker rule's period without signing in
(accounts.services.deactivate_inactive_employers). Staff are outside the seeker rule.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from privacy.registry import declare, declare_addresses, exempt
from privacy.vocabulary import Action, LegalBasis, Subject

RULE = "seeker.inactive_account"
ACCOUNT_PURPOSE = _("Let you sign in, keep your profile and documents, and apply for jobs")
# What the account itself holds, and the tables that go with it, alike for a job seeker and
# a company's contact person (declared under each one's rule below).
ACCOUNT_ITEMS = (
    _("E-mail address"),
    _("First and last name"),
    _("When you signed up, last signed in and were last seen signed in"),
)
ACCOUNT_FIELDS = ("email", "first_name", "last_name", "date_joined", "last_login", "last_seen_on")
ACCOUNT_TABLES: tuple[dict[str, Any], ...] = (
    {
        "model": "account.EmailAddress",
        "category": _("Your e-mail addresses"),
        "items": (_("E-mail address"),),
        "fields": ("email", "verified", "primary"),
        "purpose": _("Sign you in, confirm your address and send you messages about your account"),
    },
    {
        "model": "mfa.Authenticator",
        "category": _("Your two-factor authentication"),
        "items": (_("Your two-factor authentication (its type and when it was used)"),),
        "fields": ("type", "created_at", "last_used_at"),
        "purpose": _("Protect your account with a second step when you sign in"),
    },
)


def seekers(qs):
    """Users who are job seekers: no company membership and not staff."""
    return qs.filter(memberships__isnull=True, is_staff=False)


def _owned_by_seekers(path):
    def scope(qs):
        return qs.filter(**{f"{path}__memberships__isnull": True, f"{path}__is_staff": False})

    return scope


def _owned_by_people(path):
    """Rows a person holds as a job seeker, whether or not they are also a company's
    contact person: everyone's but staff's."""

    def scope(qs):
        return qs.filter(**{f"{path}__is_staff": False})

    return scope


# The warning before the account (or a contact person's own rows) goes: days ahead.
WARN_DAYS_BEFORE = 30


def _warn(user, expires_on):
    from . import services

    services.send_inactivity_warning(user, expires_on)


declare(
    model="accounts.User",
    subject=Subject.SEEKER,
    category=_("Your account"),
    items=ACCOUNT_ITEMS,
    further_purposes=(
        _("Write to you about your account and your job search"),
        _("Exclude you from the site if you break the terms of use or the law"),
    ),
    fields=ACCOUNT_FIELDS,
    purpose=ACCOUNT_PURPOSE,
    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
    rule=RULE,
    clock_field="last_seen_on",
    user_path="pk",
    scope=seekers,
    on_expiry=Action.DELETE,
    on_erase=Action.DELETE,
    warn_days_before=WARN_DAYS_BEFORE,
    warn=_warn,
)


def _seeker_rows(*, owner: str = "user", scope: Any = None, **declared: Any) -> None:
    """A table of the seeker's account rows: it goes with the account (by default only a
    seeker's: `scope`), and at erasure."""
    declare(
        subject=Subject.SEEKER,
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        rule=RULE,
        clock_field=f"{owner}__last_seen_on",
        user_path=owner,
        scope=scope or _owned_by_seekers(owner),
        on_expiry=Action.DELETE,
        on_erase=Action.DELETE,
        **declared,
    )


def declare_own_seeker_rows(*, owner: str = "user", **declared: Any) -> None:
    """A table of what a person keeps as a job seeker (profile, documents, saved jobs), a
    company's contact person included: deleted by the rule's period after they were last
    seen signed in, after the rule's warning (one per person, their account's own for a
    seeker), and at erasure."""
    _seeker_rows(
        owner=owner,
        scope=_owned_by_people(owner),
        warn_days_before=WARN_DAYS_BEFORE,
        warn=_warn,
        warn_person=owner,
        **declared,
    )


declare_own_seeker_rows(
    model="accounts.SeekerProfile",
    category=_("Your profile"),
    items=(_("Address"), _("Phone number"), _("Job interests (occupations and municipalities)")),
    fields=(
        "street",
        "postal_code",
        "town",
        "phone",
        "occupations",
        "municipalities",
        "created_at",
        "updated_at",
    ),
    purpose=_("Fill in your details when you apply for a job, for the company you apply to"),
    recipients=(_("Companies you apply to"),),
)
declare_own_seeker_rows(
    model="accounts.Document",
    owner="owner",
    category=_("Your documents"),
    items=(_("Documents you upload (CV, letters)"),),
    fields=("title", "kind", "original_name", "content_type", "size", "uploaded_at"),
    files=("file",),
    purpose=_("Keep your CV and letters ready to send with your applications"),
)
for table in ACCOUNT_TABLES:
    _seeker_rows(**table)


# A contact person of a company keeps the same account, addresses and second factor, under
# the company's rule instead: kept while they act for a company and switched off, not
# deleted, after the seeker rule's period without signing in (services.
# deactivate_inactive_employers); once they act for no company, the seeker rows above apply.
# Their own profile and documents stay under the seeker rule (declare_own_seeker_rows).
EMPLOYER_RULE = "contacts.partner"
EMPLOYER_KEEP_REASON = _(
    "A contact person's account is switched off, not deleted, when it is not used"
)


def _acting_for_a_company(path: str):
    """Scope: rows of users who are contact persons of a company (their memberships)."""

    def scope(qs):
        from django.apps import apps
        from django.db.models import Exists, OuterRef

        membership = apps.get_model("companies", "Membership")
        return qs.filter(Exists(membership.objects.filter(user=OuterRef(path))))

    return scope


def _contact_person_rows(*, owner: str = "user", **declared: Any) -> None:
    declare(
        subject=Subject.COMPANY_CONTACT,
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        rule=EMPLOYER_RULE,
        user_path=owner,
        scope=_acting_for_a_company(owner),
        on_expiry=Action.KEEP,
        keep_reason=EMPLOYER_KEEP_REASON,
        on_erase=Action.DELETE,
        **declared,
    )


_contact_person_rows(
    model="accounts.User",
    owner="pk",
    category=_("Your account"),
    items=ACCOUNT_ITEMS,
    fields=ACCOUNT_FIELDS,
    purpose=_("Let the company's contact persons post ads and see orders and invoices"),
)
for table in ACCOUNT_TABLES:
    _contact_person_rows(**table)


def _addresses(*, user_ids, emails):
    """The (user id, address) pairs of these people: each account's login address and its
    other verified addresses, found from either side (an access or erasure request about
    one address finds the person by all of them)."""
    from allauth.account.models import EmailAddress
    from django.db.models import Q

    from .models import User

    by_address = Q(pk__in=[])
    for address in emails:
        by_address |= Q(email__iexact=address)
    logins = User.objects.filter(Q(pk__in=user_ids) | by_address).values_list("pk", "email")
    verified = EmailAddress.objects.filter(
        Q(user_id__in=user_ids) | by_address, verified=True
    ).values_list("user_id", "email")
    return [*logins, *verified]


declare_addresses(_addresses)

exempt(
    "mfa.Authenticator",
    fields=("data",),
    reason="The authenticator's secret and recovery codes: a credential, not information "
    "about the person. Never exported (it would let anyone with the export sign in); "
    "deleted with the row.",
)
exempt(
    "account.EmailConfirmation",
    fields=("email_address", "key", "created", "sent"),
    reason="Not used: allauth's confirmation links are HMAC-signed "
    "(ACCOUNT_EMAIL_CONFIRMATION_HMAC), so no rows are written; a row would cascade "
    "with its EmailAddress.",
)
exempt(
    "accounts.User",
    fields=("password", "is_active", "is_staff", "is_superuser", "groups", "user_permissions"),
    reason="A password hash and access flags: security data, not exported; deleted with the "
    "account.",
)
