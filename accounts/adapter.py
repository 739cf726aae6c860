"""django-allauth's hooks for this site: its mails go through the one mailer, the client's
real address is read behind the trusted proxies, and failed sign-ins are slowed per client.

Mail: allauth keeps its own templates (account/email/<name>_subject.txt, _message.txt and an
optional _message.html) and its subject prefix; the mailer renders them in the language of the
request that asked for the mail, as an account mail (see mailer.services for what that means
for suppressed and restricted people).

Sign-in: allauth's own per-account limit (5 failures in 5 minutes, from anyone) let a stranger
lock the owner out with five wrong passwords. Here an account's failures are counted per
client: the account, the client's address and its browser (User-Agent) together. The first
LOGIN_FAILURES_WITHOUT_DELAY failures cost nothing; after each further one the same client
waits twice as long as before (2, 4, 8 ... seconds, at most LOGIN_DELAY_MAX) before the
password is checked again. A try during the wait is refused unchecked and not counted. A
success from that client clears its count. The owner on another device or network is never
slowed by someone else's guesses; one client guessing many accounts meets allauth's
per-address limit (ACCOUNT_RATE_LIMITS["login_failed"]).
"""

import hashlib
import math
import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django import forms
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext

from config.ratelimit import client_ip, wait_phrase
from mailer import services as mailer

from .validators import check_email_length

STATE_SECONDS = 24 * 60 * 60  # a client's failures are forgotten a day after the last one


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        """Every form of allauth's that takes an address (signing up, adding one, a reset)
        refuses one too long: it was cut to the column's length, and mail sent there."""
        check_email_length(email)
        return super().clean_email(email)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        self._account_mail(template_prefix, email, context)

    def _account_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's templates, sent by the mailer as an account mail."""
        request = allauth_context.request
        templates = mailer.Templates(
            subject=f"{template_prefix}_subject.txt",
            text=f"{template_prefix}_message.txt",
            html=f"{template_prefix}_message.html",
            subject_prefix=self.format_email_subject(""),
        )
        mailer.send(
            templates,
            to=email,
            context={
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                **context,
            },
            kind=mailer.MailKind.ACCOUNT,
            language=translation.get_language(),
        )

    def send_confirmation_mail(self, request, emailconfirmation, signup: bool) -> None:
        """An address added on the e-mail page that is already another account's gets no
        confirmation link (it would offer to confirm the owner's address for a stranger's
        account, and name that stranger): the owner is told the truth, that someone tried and
        that they need do nothing. The person adding it sees what they would see for any new
        address (ACCOUNT_PREVENT_ENUMERATION), so the page reveals no one's account."""
        address = emailconfirmation.email_address
        if not signup and _belongs_to_another_account(address.email, address.user_id):
            self._account_mail("account/email/email_taken_notice", address.email, {})
            return
        super().send_confirmation_mail(request, emailconfirmation, signup)

    def get_client_ip(self, request) -> str:
        return client_ip(request)

    def pre_authenticate(self, request, **credentials) -> None:
        super().pre_authenticate(request, **credentials)
        wait = math.ceil(_state(request, credentials).get("until", 0) - time.time())
        if wait > 0:
            raise forms.ValidationError(_wait_message(wait), code="login_delayed")

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            cache.delete(_key(request, credentials))
        return user

    def authentication_failed(self, request, **credentials) -> None:
        super().authentication_failed(request, **credentials)
        state = _state(request, credentials)
        failures = state.get("failures", 0) + 1
        free = settings.LOGIN_FAILURES_WITHOUT_DELAY
        delay = 0 if failures <= free else min(2 ** (failures - free), settings.LOGIN_DELAY_MAX)
        cache.set(
            _key(request, credentials),
            {"failures": failures, "until": time.time() + delay},
            timeout=STATE_SECONDS,
        )


def _belongs_to_another_account(address: str, user_id: int) -> bool:
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    others = EmailAddress.objects.filter(email__iexact=address).exclude(user_id=user_id)
    users = get_user_model().objects.filter(email__iexact=address).exclude(pk=user_id)
    return others.exists() or users.exists()


def _key(request, credentials) -> str:
    login = str(credentials.get("email") or credentials.get("username") or "").lower()
    agent = request.META.get("HTTP_USER_AGENT", "")[:500]
    client = f"{login}|{client_ip(request)}|{agent}"
    return "login-delay:" + hashlib.sha256(client.encode()).hexdigest()


def _state(request, credentials) -> dict:
    return cache.get(_key(request, credentials)) or {}


def _wait_message(seconds: int) -> str:
    return gettext("Too many failed login attempts from here. Wait %(wait)s and try again.") % {
        "wait": wait_phrase(seconds)
    }
