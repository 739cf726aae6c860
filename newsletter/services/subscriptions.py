"""Sign-up with double opt-in, confirmation and one-click unsubscribe.

Rules (privacy-rules.md, "Consent and cookies"):
- e-mail only, never pre-ticked; nothing but the confirmation mail goes before the address
  confirms by its link, which works once and for 24 hours;
- the consent ledger (privacy.consent, purpose "newsletter") gets the exact wording the form
  showed (a version), the time, how (the form, then the link) and a truncated IP: the /24 of
  an IPv4 address, the /48 of an IPv6 address, never the full address;
- opens and clicks are counted only when the subscriber ticked that sentence, which is then
  part of the wording in the ledger;
- a signed-in user whose address is verified subscribes in one step (the address is already
  confirmed);
- unsubscribing works signed out (a signed link) and records the withdrawal;
- a sign-up never confirmed is deleted the night after its link expires
  (`delete_unconfirmed`): anyone can type any address into the form, and a sign-up is not a
  consent, so it is not kept under `newsletter.consent` as a subscription would be.
The form answers the same whatever the address, so it reveals nobody's subscription.
"""

import datetime
import logging
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from config import links
from mailer import services as mailer
from privacy import consent
from privacy.models import Purpose, normalize_email
from privacy.network import truncate_ip

from ..models import Subscriber

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

logger = logging.getLogger(__name__)

PURPOSE = Purpose.NEWSLETTER
CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"
CONFIRM_VALID_FOR = datetime.timedelta(hours=24)


class SubscriptionError(Exception):
    """A confirmation link that cannot be used; `reason` is invalid, expired or used."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def signup_wording(*, tracking: bool = False, by_link: bool = True) -> str:
    """The exact text next to the form, in the active language (a new ledger version when
    it changes). `by_link`: the address is confirmed by a link; a signed-in person's verified
    address is not (`wording_for`)."""
    if by_link:
        text = _(
            "I want the newsletter from %(site)s by e-mail: news about jobs and the site, at "
            "most a few times a month. I confirm by a link sent to my address and can "
            "unsubscribe with one click in every e-mail."
        ) % {"site": settings.SITE_NAME}
    else:
        text = _(
            "I want the newsletter from %(site)s by e-mail: news about jobs and the site, at "
            "most a few times a month. I can unsubscribe with one click in every e-mail and "
            "on my pages."
        ) % {"site": settings.SITE_NAME}
    if tracking:
        text += " " + tracking_wording()
    return text


def tracking_wording() -> str:
    return _("You may count when I open the newsletter and which of its links I click.")


def wording_for(user: "User") -> str:
    """What a signed-in person subscribing their own address agrees to (no link to confirm
    when the address is verified)."""
    return signup_wording(by_link=not _verified(user, user.email))


def _verified(user: "User | None", email: str) -> bool:
    from allauth.account.models import EmailAddress

    return bool(
        user is not None
        and user.is_authenticated
        and EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
    )


@transaction.atomic
def request_subscription(
    *,
    email: str,
    source: str,
    tracking: bool,
    ip: str | None,
    now: datetime.datetime,
    by: "User | None" = None,
) -> Subscriber:
    """Record a sign-up. A signed-in user's verified address is active at once; any other
    address gets a confirmation link and nothing else until it is used."""
    address = normalize_email(email)
    if not address:
        raise ValueError("An e-mail address is required.")
    subscriber = Subscriber.objects.select_for_update().filter(email=address).first()
    if subscriber is not None and subscriber.status == Subscriber.Status.ACTIVE:
        return subscriber
    if subscriber is None:
        subscriber = Subscriber(email=address, created_at=now)
    user = by if by is not None and by.is_authenticated else None
    subscriber.user = user if user is not None and user.email.lower() == address else None
    subscriber.status = Subscriber.Status.PENDING
    subscriber.source = source
    subscriber.tracking = tracking
    subscriber.language = translation.get_language() or settings.LANGUAGE_CODE
    verified = _verified(subscriber.user, address)
    subscriber.wording_shown = signup_wording(tracking=tracking, by_link=not verified)
    subscriber.signup_ip = truncate_ip(ip)
    subscriber.last_used_at = now
    subscriber.unsubscribed_at = None
    if verified:
        subscriber.save()
        return _activate(subscriber, method=consent.ConsentMethod.ACCOUNT_SETTINGS, now=now)
    subscriber.confirmation_nonce = secrets.token_hex(16)
    subscriber.confirmation_sent_at = now
    subscriber.save()
    transaction.on_commit(lambda: send_confirmation(subscriber=subscriber))
    logger.info("newsletter subscriber %s: confirmation sent", subscriber.pk)
    return subscriber


def confirm_token(subscriber: Subscriber) -> str:
    return links.make(subscriber, salt=CONFIRM_SALT, key="s")


def confirm_url(subscriber: Subscriber) -> str:
    path = reverse("newsletter:confirm", kwargs={"token": confirm_token(subscriber)})
    return settings.SITE_URL + path


def send_confirmation(*, subscriber: Subscriber) -> bool:
    """The one mail before confirmation: asked for at this address a moment ago."""
    return mailer.send(
        "newsletter_confirm",
        to=subscriber.email,
        kind=mailer.MailKind.ACCOUNT,
        language=subscriber.language,
        context={"confirm_url": confirm_url(subscriber), "hours": 24},
    )


def subscriber_to_confirm(*, token: str, now: datetime.datetime) -> Subscriber:
    """The subscriber a confirmation link is for; SubscriptionError if it cannot be used."""
    try:
        subscriber = links.row_for(token, salt=CONFIRM_SALT, key="s", rows=Subscriber.objects.all())
    except links.LinkError as error:
        raise SubscriptionError(error.reason) from None
    sent_at = subscriber.confirmation_sent_at
    if sent_at is None or now - sent_at > CONFIRM_VALID_FOR:
        raise SubscriptionError("expired")
    return subscriber


def confirmed_by(token: str) -> bool:
    """The address of a used confirmation link subscribes now (the link did its work)."""
    subscriber = links.row_named(token, salt=CONFIRM_SALT, key="s", rows=Subscriber.objects.all())
    return subscriber is not None and subscriber.status == Subscriber.Status.ACTIVE


@transaction.atomic
def confirm(*, token: str, now: datetime.datetime) -> Subscriber:
    """Use a confirmation link (once, within 24 hours): the consent goes to the ledger."""
    found = subscriber_to_confirm(token=token, now=now)
    subscriber = Subscriber.objects.select_for_update().get(pk=found.pk)
    if subscriber.confirmation_nonce != found.confirmation_nonce:
        raise SubscriptionError("used")
    return _activate(subscriber, method=consent.ConsentMethod.EMAIL_CONFIRMATION, now=now)


def _activate(subscriber: Subscriber, *, method: str, now: datetime.datetime) -> Subscriber:
    consent.give_consent(
        purpose=PURPOSE,
        user=subscriber.user,
        email=subscriber.email,
        wording=subscriber.wording_shown,
        method=method,
        ip=subscriber.signup_ip,
        now=now,
        language=subscriber.language,
    )
    subscriber.status = Subscriber.Status.ACTIVE
    subscriber.confirmed_at = now
    subscriber.confirmation_nonce = ""
    subscriber.last_used_at = now
    subscriber.save()
    transaction.on_commit(lambda: send_welcome(subscriber=subscriber))
    logger.info("newsletter subscriber %s confirmed", subscriber.pk)
    return subscriber


def send_welcome(*, subscriber: Subscriber) -> bool:
    url = unsubscribe_url(subscriber)
    return mailer.send(
        "newsletter_welcome",
        to=subscriber.email,
        user=subscriber.user,
        kind=mailer.MailKind.SERVICE,
        language=subscriber.language,
        context={"unsubscribe_url": url},
        headers=links.unsubscribe_headers(url),
    )


def unsubscribe_token(subscriber: Subscriber) -> str:
    return links.lasting(subscriber, salt=UNSUBSCRIBE_SALT, key="s")


def unsubscribe_url(subscriber: Subscriber) -> str:
    path = reverse("newsletter:unsubscribe", kwargs={"token": unsubscribe_token(subscriber)})
    return settings.SITE_URL + path


def subscriber_from_unsubscribe_token(token: str) -> Subscriber | None:
    return links.row_named(token, salt=UNSUBSCRIBE_SALT, key="s", rows=Subscriber.objects.all())


def is_unsubscribe_token(token: str) -> bool:
    """One of our unsubscribe links, its subscription gone or not (erased since)."""
    return links.is_ours(token, salt=UNSUBSCRIBE_SALT)


@transaction.atomic
def unsubscribe(*, subscriber: Subscriber, method: str, now: datetime.datetime) -> bool:
    """Stop the newsletter for the address and record the withdrawal in the ledger; False
    when it had already stopped."""
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return False
    subscriber.status = Subscriber.Status.UNSUBSCRIBED
    subscriber.unsubscribed_at = now
    subscriber.last_used_at = now
    subscriber.confirmation_nonce = ""
    subscriber.save()
    consent.withdraw_consent(
        purpose=PURPOSE, user=subscriber.user, email=subscriber.email, method=method, now=now
    )
    logger.info("newsletter subscriber %s unsubscribed", subscriber.pk)
    return True


@transaction.atomic
def delete_unconfirmed(*, now: datetime.datetime) -> int:
    """Sign-ups never confirmed are deleted once their link has expired, as the rights app
    deletes unverified requests: the address, the network and the wording shown go, and a
    new submission gives the row one more link's life, never more. A former subscriber's row
    that a new submission made pending goes too, with its deliveries (a shorter stay than
    their rule's); the proof of the old consent and its withdrawal stays in the ledger."""
    cutoff = now - CONFIRM_VALID_FOR
    stale = Subscriber.objects.filter(
        status=Subscriber.Status.PENDING, confirmation_sent_at__lt=cutoff
    )
    _total, by_model = stale.delete()
    deleted = by_model.get(Subscriber._meta.label, 0)
    logger.info("newsletter: %s unconfirmed sign-ups deleted", deleted)
    return deleted
