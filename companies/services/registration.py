"""Registering a company, and its contact persons: invitations, acceptance, removal."""

import datetime as dt
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User, user_display
from mailer import services as mailer
from privacy.models import normalize_email

from ..models import Company, Invitation, Membership
from ..models.core import ANONYMISED_SLUG_PREFIX, INVITATION_DAYS
from ..orgnr import normalize_org_number

_SALT = "companies.invitation"


class CompanyError(Exception):
    """A refusal with a message for the user."""


def register_company(
    *,
    by: User,
    name: str,
    org_number: str,
    email: str,
    phone: str,
    street: str,
    postal_code: str,
    town: str,
    now: dt.datetime,
) -> Company:
    """The signed-in user registers a company and becomes its first owner."""
    org_number = normalize_org_number(org_number, today=timezone.localdate(now))
    if Company.objects.filter(org_number=org_number).exists():
        raise CompanyError(
            _(
                "A company with this organisation number is already registered. "
                "Ask its contact person to invite you."
            )
        )
    try:
        with transaction.atomic():
            company = Company.objects.create(
                name=name.strip(),
                org_number=org_number,
                email=normalize_email(email),
                phone=phone.strip(),
                street=street.strip(),
                postal_code=postal_code.strip(),
                town=town.strip(),
                slug=_unique_slug(name),
                created_at=now,
            )
            Membership.objects.create(
                company=company, user=by, role=Membership.Role.OWNER, created_at=now
            )
    except IntegrityError as exc:  # two registrations of one number at the same moment
        raise CompanyError(
            _("A company with this organisation number is already registered.")
        ) from exc
    return company


COMPANY_FIELDS = (
    "name",
    "email",
    "phone",
    "street",
    "postal_code",
    "town",
    "website",
    "description",
    "show_page",
)


def update_company(*, company: Company, by: User, fields: dict[str, Any]) -> Company:
    """An owner changes the company's details (the organisation number only staff change).
    Issued invoices keep the details they were issued with."""
    if not is_owner(company=company, user=by):
        raise CompanyError(_("Only an owner can change the company's details."))
    for name in COMPANY_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(company, name, value.strip() if isinstance(value, str) else value)
    company.email = company.email.lower()
    company.full_clean(exclude=["slug", "org_number"])
    company.save()
    return company


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "foretag"
    if f"{base}-".startswith(ANONYMISED_SLUG_PREFIX):
        # "enskild-firma-<id>" is an anonymised sole trader's (models/core.py): a company
        # named "Enskild firma 12" must not take the slug an anonymisation will write.
        base = f"foretag-{base}"
    slug, n = base, 1
    while Company.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def is_owner(*, company: Company, user: User) -> bool:
    return Membership.objects.filter(
        company=company, user=user, role=Membership.Role.OWNER
    ).exists()


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=_SALT)


def invitation_from_token(token: str) -> Invitation:
    """The invitation a link stands for; CompanyError if the link is broken or expired."""
    try:
        pk = signing.loads(token, salt=_SALT, max_age=dt.timedelta(days=INVITATION_DAYS))
    except signing.SignatureExpired as exc:
        raise CompanyError(_("This invitation has expired. Ask for a new one.")) from exc
    except signing.BadSignature as exc:
        raise CompanyError(_("This invitation link is not valid.")) from exc
    invitation = Invitation.objects.select_related("company").filter(pk=pk).first()
    if invitation is None:
        raise CompanyError(_("This invitation link is not valid."))
    return invitation


def invite_member(
    *, company: Company, email: str, role: str, by: User, now: dt.datetime
) -> Invitation:
    """An owner invites a person by e-mail; the link is valid for INVITATION_DAYS days.

    The invitation goes in the inviting owner's language (the colleague's own is not known
    yet); a restricted address gets none, nor a suppressed one that is not the login of an
    active account (the mailer refuses)."""
    if not is_owner(company=company, user=by):
        raise CompanyError(_("Only an owner can invite contact persons."))
    email = normalize_email(email)
    if company.memberships.filter(user__email__iexact=email).exists():
        raise CompanyError(_("This person is already a contact person of the company."))
    with transaction.atomic():
        # Inviting again sends a new link and the old one stops working: one invitation
        # per address, never two links that each make someone a contact person.
        replaced, _counts = pending_invitations_to(company, email).delete()
        invitation = Invitation.objects.create(
            company=company, email=email, role=role, invited_by=by, created_at=now
        )
        invitation.replaced_earlier = bool(replaced)  # type: ignore[attr-defined]
    link = reverse("companies:accept_invitation", kwargs={"token": invitation_token(invitation)})
    language = translation.get_language()
    transaction.on_commit(
        lambda: mailer.send(
            "companies_invitation",
            to=email,
            context={
                "company_name": company.name,
                "inviter": user_display(by),
                "link": link,
                "days": INVITATION_DAYS,
            },
            kind=mailer.MailKind.SERVICE,
            language=language,
        )
    )
    return invitation


def pending_invitations_to(company: Company, email: str) -> "QuerySet[Invitation]":
    return Invitation.objects.filter(company=company, email__iexact=email, accepted_at__isnull=True)


def withdraw_invitation(*, invitation: Invitation, by: User) -> None:
    """An owner takes back an invitation not yet accepted: its link stops working."""
    if not is_owner(company=invitation.company, user=by):
        raise CompanyError(_("Only an owner can withdraw an invitation."))
    if invitation.accepted_at is not None:
        raise CompanyError(_("This invitation has already been accepted."))
    invitation.delete()


def invitation_refusal(*, invitation: Invitation, user: User) -> str:
    """Why this signed-in user cannot accept the invitation ("" if they can): said on the
    page before they try, and again if they do."""
    if invitation.accepted_at is not None:
        return str(_("This invitation has already been used."))
    if user.email.lower() != invitation.email.lower():
        return str(
            _(
                "This invitation was sent to another e-mail address. Sign in with "
                "the address it was sent to."
            )
        )
    return ""


def accept_invitation(*, invitation: Invitation, user: User, now: dt.datetime) -> Membership:
    """The signed-in user whose e-mail address the invitation names joins the company."""
    refused = invitation_refusal(invitation=invitation, user=user)
    if refused:
        raise CompanyError(refused)
    with transaction.atomic():
        membership, _created = Membership.objects.get_or_create(
            company=invitation.company,
            user=user,
            defaults={"role": invitation.role, "created_at": now},
        )
        invitation.accepted_at = now
        invitation.save(update_fields=["accepted_at"])
    return membership


def remove_member(*, membership: Membership, by: User) -> None:
    """An owner removes a contact person, who is told by mail (unless they left
    themself); the last owner cannot be removed."""
    with transaction.atomic():
        company = Company.objects.select_for_update().get(pk=membership.company_id)
        if not is_owner(company=company, user=by):
            raise CompanyError(_("Only an owner can remove contact persons."))
        owners = company.memberships.filter(role=Membership.Role.OWNER)
        if membership.role == Membership.Role.OWNER and owners.count() <= 1:
            raise CompanyError(
                _(
                    "The company's last owner cannot be removed: a company "
                    "always has at least one owner."
                )
            )
        membership.delete()
        removed = membership.user
        if removed.pk != by.pk and removed.is_active:
            name, language = company.name, translation.get_language()
            transaction.on_commit(
                lambda: mailer.send(
                    "companies_member_removed",
                    to=removed.email,
                    user=removed,
                    context={"company_name": name},
                    kind=mailer.MailKind.SERVICE,
                    language=language,
                )
            )
