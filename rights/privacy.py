"""The personal data of data subject requests, declared for the registry."""

from django.utils.translation import gettext_lazy as _

from privacy.registry import declare, declare_reader, exempt
from privacy.vocabulary import Action, LegalBasis, Subject

KEEP_REASON = _("We must be able to show how we answered your requests (GDPR art. 5(2))")

declare(
    model="rights.DataRequest",
    subject=Subject.CONTACT,
    category=_("Your requests about your personal data"),
    items=(
        _("E-mail address"),
        _("Your requests about your personal data, and when we answered them"),
        _("Your message with the request"),
    ),
    fields=("kind", "email", "message", "received_at", "due_on", "status", "closed_at", "outcome"),
    purpose=_("Answer your request and document that we did"),
    legal_basis=LegalBasis.LEGAL_OBLIGATION,
    rule="contacts.long_term",
    clock_field="closed_at",
    user_path="user",
    email_path="email",
    on_expiry=Action.DELETE,
    on_erase=Action.KEEP,
    keep_reason=KEEP_REASON,
)

declare(
    model="rights.RequestEvent",
    subject=Subject.CONTACT,
    category=_("Your requests about your personal data"),
    items=(_("What we did with your request, and when"),),
    fields=("action", "at", "details"),
    purpose=_("Answer your request and document that we did"),
    legal_basis=LegalBasis.LEGAL_OBLIGATION,
    rule="contacts.long_term",
    clock_field="request__closed_at",
    user_path="request__user",
    email_path="request__email",
    on_expiry=Action.DELETE,
    on_erase=Action.KEEP,
    keep_reason=KEEP_REASON,
)

declare(
    model="rights.AccessReport",
    subject=Subject.CONTACT,
    category=_("Copies of your data made for you"),
    items=(_("E-mail address"), _("When we made a copy of your data for you")),
    fields=("email", "created_at", "ready_at", "expires_at"),
    purpose=_("Give you a copy of your data to download"),
    legal_basis=LegalBasis.LEGAL_OBLIGATION,
    rule="contacts.long_term",
    clock_field="created_at",
    user_path="user",
    email_path="email",
    on_expiry=Action.DELETE,
    on_erase=Action.DELETE,
)

# A report lists the earlier ones (that they were made, and when), never their ZIPs.
exempt(
    "rights.AccessReport",
    fields=("file",),
    reason="The ZIP is a copy of data declared elsewhere, made for the person to download and "
    "deleted when its link expires (and with its row). Never exported: each report would "
    "hold every earlier one, doubling in size.",
)

exempt(
    "rights.DataRequest",
    fields=("notes", "extension_reason", "token_hash"),
    reason="Staff's notes and reasons on the request (declared with it); the hash of a "
    "verification token cannot be turned back into anything.",
)


def _read_details(details) -> str:
    from .wording import describe_details

    return describe_details(details)


# A timeline entry's details read as words ("Channel: Web form"), not as stored keys.
declare_reader("rights.RequestEvent", "details", _read_details)
