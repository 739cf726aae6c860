"""The one mailer: every e-mail the site sends goes through `send`.

`send` renders the subject (one line), the text and the HTML from templates in the
recipient's language, with the site-wide context added here (SITE_NAME, SITE_URL,
CONTACT_EMAIL, LANGUAGE_CODE), and is the one place that refuses to mail a suppressed address
(privacy.consent) or a restricted person (GDPR art. 18, privacy.restrictions). Callers import
this module (`from mailer import services as mailer`), never another app's mail helper.

Why a mail is sent decides whether it goes:

| kind        | for example                                | suppressed | suppressed, | restricted |
|             |                                            |            | own account |            |
| ----------- | ------------------------------------------ | ---------- | ----------- | ---------- |
| `ACCOUNT`   | confirm an address, reset a password       | sent       | sent        | sent       |
|             | (allauth)                                  |            |             |            |
| `SERVICE`   | application sent/received, invitation,     | refused    | sent        | refused    |
|             | "sign in to keep your account"             |            |             |            |
| `REPLY`     | staff's answer to the person's own message | sent       | sent        | refused    |
|             | (support)                                  |            |             |            |
| `LEGAL`     | invoices, payment reminders, GDPR answers  | sent       | sent        | sent,      |
|             |                                            |            |             | saying so  |
| `MARKETING` | job alerts, the newsletter                 | refused    | refused     | refused    |

- The suppression list holds the addresses of people who said no: a withdrawn consent whose
  proof is gone, or consents an erasure ended (privacy.consent; a consent that only lapsed
  leaves nothing). We never write to them on our own initiative again: marketing waits for a
  new consent, which lifts the suppression. It does not cut off a live relationship: an
  address that is the confirmed login of an active account ("own account") still gets that
  account's service mail (a receipt, the warning before an inactive account is deleted), for
  the person never left or is back. A new sign-up lifts nothing: until its address is
  confirmed it is no one's proven address, and then only service mail goes.
- An account mail is not our initiative: someone asked for it at that address a moment ago
  (a sign-up, a password reset), and refusing it would lock a returning person out of the
  site for good. Nor is a reply: the person wrote to us from that address and waits for the
  answer, account or not.
- A restriction leaves storage, the person's own consent and legal claims (art. 18(2)). An
  account mail answers the person's own request; a legal mail is required by law and says so
  in the recipient's language, with the caller's reason, at the top of the text and the HTML.
- Consent for a purpose (job alerts, newsletter) is the caller's check (`consent.has_consent`);
  the mailer only refuses. `may_send` answers in advance with the same rule, for callers that
  must not record a send (sent ads, a used consent) that the mailer would refuse.

A refusal is logged with the template, the kind and the user id, never the address.
"""

import enum
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Q
from django.db.models.functions import Lower
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.translation import gettext as _

from privacy import consent, restrictions
from privacy.models import Restriction, Suppression, normalize_email

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

logger = logging.getLogger(__name__)


class MailKind(enum.StrEnum):
    """Why a mail is sent (see the table above)."""

    ACCOUNT = "account"
    SERVICE = "service"
    REPLY = "reply"
    LEGAL = "legal"
    MARKETING = "marketing"


# kind: (goes to a suppressed address, goes to a suppressed address that is the confirmed login
# of an active account, goes to a restricted person)
GOES_TO = {
    MailKind.ACCOUNT: (True, True, True),
    MailKind.SERVICE: (False, True, False),
    MailKind.REPLY: (True, True, False),
    MailKind.LEGAL: (True, True, True),
    MailKind.MARKETING: (False, False, False),
}


@dataclass(frozen=True)
class Templates:
    """Where a mail's parts are. A missing HTML template makes a text-only mail."""

    subject: str
    text: str
    html: str
    subject_prefix: str = ""

    @classmethod
    def named(cls, name: str) -> "Templates":
        """The site's own mails: emails/<name>_subject.txt, emails/<name>.txt and .html."""
        return cls(f"emails/{name}_subject.txt", f"emails/{name}.txt", f"emails/{name}.html")


@dataclass(frozen=True)
class Recipient:
    address: str
    user_id: int | None
    suppressed: bool
    restricted: bool
    # The address is the confirmed login of an active account (looked up for a suppressed
    # address only): the person has a live relationship with us.
    own_account: bool = False

    def refusal(self, kind: MailKind) -> str:
        """Why `kind` may not go to this recipient; "" when it may."""
        to_suppressed, to_own_account, to_restricted = GOES_TO[kind]
        if self.suppressed and not (to_own_account if self.own_account else to_suppressed):
            return "suppressed"
        if self.restricted and not to_restricted:
            return "restricted"
        return ""


def recipient(address: str, *, user: "User | None" = None) -> Recipient:
    """The suppression and restriction state of an address (and of its account, if any)."""
    if user is None:
        user = get_user_model().objects.filter(email__iexact=address.strip()).first()
    suppressed = consent.is_suppressed(address)
    return Recipient(
        address=address,
        user_id=getattr(user, "pk", None),
        suppressed=suppressed,
        restricted=restrictions.is_restricted(user=user, email=address),
        own_account=suppressed and bool(_own_accounts({address: user})),
    )


def _own_accounts(people: dict[str, "User | None"]) -> set[str]:
    """The addresses (as given) that are the confirmed login of their active account: the
    account is the person's live relationship with us, a suppression or not. An address not
    yet confirmed is no one's proven address (anyone can sign up with any address)."""
    logins = {
        address: user
        for address, user in people.items()
        if user is not None
        and user.is_active
        and normalize_email(user.email) == normalize_email(address)
    }
    if not logins:
        return set()
    confirmed = set(
        EmailAddress.objects.filter(user__in=[user.pk for user in logins.values()], verified=True)
        .annotate(lower=Lower("email"))
        .values_list("user_id", "lower")
    )
    return {a for a, user in logins.items() if (user.pk, normalize_email(a)) in confirmed}


def recipients(people: Sequence[tuple[str, "User | None"]]) -> dict[str, Recipient]:
    """The state of many recipients in three queries (a newsletter batch; a fourth when some
    are suppressed), by the same rules as `recipient`: keyed by the address as given."""
    accounts: dict[str, Any] = {}
    unknown = [normalize_email(address) for address, user in people if user is None]
    if unknown:
        found = get_user_model().objects.annotate(lower=Lower("email")).filter(lower__in=unknown)
        accounts = {user.lower: user for user in found}
    users = {a: u if u is not None else accounts.get(normalize_email(a)) for a, u in people}
    hashes = {a: Suppression.hash_email(a) for a, _ in people}
    suppressed = set(
        Suppression.objects.filter(email_hash__in=hashes.values()).values_list(
            "email_hash", flat=True
        )
    )
    user_ids = {u.pk for u in users.values() if u is not None}
    active = list(
        Restriction.objects.active()
        .filter(Q(email__in=[normalize_email(a) for a, _ in people]) | Q(user_id__in=user_ids))
        .values_list("email", "user_id")
    )
    restricted_emails = {email for email, _ in active}
    restricted_users = {user_id for _, user_id in active if user_id is not None}
    own = _own_accounts({a: u for a, u in users.items() if hashes[a] in suppressed})
    return {
        address: Recipient(
            address=address,
            user_id=getattr(user, "pk", None),
            suppressed=hashes[address] in suppressed,
            restricted=normalize_email(address) in restricted_emails
            or getattr(user, "pk", None) in restricted_users,
            own_account=address in own,
        )
        for address, user in users.items()
    }


def may_send(*, to: str, kind: MailKind, user: "User | None" = None) -> bool:
    """Whether `send` would mail this kind to this address (the same rule, asked early)."""
    return not recipient(to, user=user).refusal(kind)


def send(
    template: str | Templates,
    *,
    to: str | Sequence[str],
    context: dict[str, Any],
    kind: MailKind,
    headers: dict[str, str] | None = None,
    language: str | None = None,
    attachments: Iterable[tuple[str, bytes, str]] = (),
    user: "User | None" = None,
    legal_reason: str | Promise | None = None,
    connection: Any = None,
    state: Recipient | None = None,
) -> bool:
    """Render and send one mail to each address in `to`; True if at least one went.

    `template` is a name under templates/emails/ or a `Templates`. `language` is the
    recipient's (default settings.LANGUAGE_CODE); `user` the account the mail is for, when the
    caller knows it (its restriction counts even if the address changed). A LEGAL mail needs
    its `legal_reason`, shown to a restricted person. A caller sending many mails may pass
    one open backend `connection` and the `state` of the recipient from `recipients` (the
    newsletter's batches).
    """
    if kind is MailKind.LEGAL and not legal_reason:
        raise ValueError("A legally required mail needs its legal_reason.")
    templates = template if isinstance(template, Templates) else Templates.named(template)
    attachments = list(attachments)
    sent = False
    for address in [to] if isinstance(to, str) else to:
        person = state if state is not None and state.address == address else None
        person = person or recipient(address, user=user)
        refusal = person.refusal(kind)
        if refusal:
            logger.info(
                "mail %s (%s) refused: %s, user %s", templates.text, kind, refusal, person.user_id
            )
            continue
        reason = legal_reason if kind is MailKind.LEGAL and person.restricted else None
        subject, text, html = render(templates, context, language=language, legal_reason=reason)
        message = EmailMultiAlternatives(
            subject, text, to=[address], headers=headers, connection=connection
        )
        if html is not None:
            message.attach_alternative(html, "text/html")
        for filename, content, mimetype in attachments:
            message.attach(filename, content, mimetype)
        _deliver(message)
        sent = True
    return sent


TEXT = "plain_text"  # the template engine without HTML escaping (config/settings.py)


def render(
    templates: Templates,
    context: dict[str, Any],
    *,
    language: str | None = None,
    legal_reason: str | Promise | None = None,
) -> tuple[str, str, str | None]:
    """Subject, text and HTML (None without an HTML template) in `language`."""
    language = recipient_language(language)
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "LANGUAGE_CODE": language,
        **context,
    }
    with translation.override(language):
        subject = " ".join(render_to_string(templates.subject, context, using=TEXT).split())
        text = render_to_string(templates.text, context, using=TEXT).strip()
        try:
            html = render_to_string(templates.html, context).strip()
        except TemplateDoesNotExist:
            html = None
        if legal_reason:
            line = _(
                "You get this message although you have restricted the processing of your "
                "personal data, because the law requires it: %(reason)s"
            ) % {"reason": legal_reason}
            text = f"{line}\n\n{text}"
            html = None if html is None else _with_first_paragraph(html, line)
    return templates.subject_prefix + subject, text, html


def recipient_language(language: str | None) -> str:
    """A language the site speaks: the one given, or the site's default."""
    try:
        return translation.get_supported_language_variant(language or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


_BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def _with_first_paragraph(html: str, line: str) -> str:
    match = _BODY_TAG.search(html)
    at = match.end() if match else 0
    return html[:at] + format_html("<p><strong>{}</strong></p>", line) + html[at:]


def connection() -> Any:
    """One open-able backend connection for a caller that sends many mails in a row."""
    return get_connection()


def _deliver(message: EmailMultiAlternatives) -> None:
    """The transport: Django's e-mail backend (settings.EMAIL_BACKEND)."""
    message.send()
