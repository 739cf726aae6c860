"""The personal data of the support app, declared for the privacy registry.

A thread (the request and its messages) is kept 12 months after its last message under
`support.requests`, or 5 years under `contacts.long_term` once staff mark it as about a
payment, a deletion agreement or the exclusion of a user. It belongs to the address that
wrote to us: an access request finds it, an erasure deletes it.
"""

from django.utils.translation import gettext_lazy as _

from privacy.registry import declare
from privacy.vocabulary import Action, LegalBasis, Subject

REQUEST_FIELDS = ("name", "email", "subject", "language", "created_at", "last_message_at")
MESSAGE_FIELDS = ("sender", "body", "sent_at")


def _ordinary(qs):
    return qs.ordinary()


def _long_term(qs):
    return qs.long_term()


def _ordinary_messages(qs):
    return qs.filter(request__long_term_reason="")


def _long_term_messages(qs):
    return qs.exclude(request__long_term_reason="")


for _rule, _requests, _messages, _purpose in (
    (
        "support.requests",
        _ordinary,
        _ordinary_messages,
        _("Answer your questions and follow up on them"),
    ),
    (
        "contacts.long_term",
        _long_term,
        _long_term_messages,
        _("Document payment enquiries, deletion agreements and the exclusion of users"),
    ),
):
    declare(
        model="support.SupportRequest",
        subject=Subject.CONTACT,
        category=_("Messages to our support"),
        items=(_("Your name and e-mail address"), _("The subject of your message")),
        fields=REQUEST_FIELDS,
        purpose=_purpose,
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        rule=_rule,
        clock_field="last_message_at",
        email_path="email",
        scope=_requests,
        on_expiry=Action.DELETE,
        on_erase=Action.DELETE,
    )
    declare(
        model="support.SupportMessage",
        subject=Subject.CONTACT,
        category=_("Messages to our support"),
        items=(_("Your messages to us and our replies, and when they were sent"),),
        fields=MESSAGE_FIELDS,
        purpose=_purpose,
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        rule=_rule,
        clock_field="request__last_message_at",
        email_path="request__email",
        scope=_messages,
        on_expiry=Action.DELETE,
        on_erase=Action.DELETE,
    )
