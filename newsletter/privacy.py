"""The newsletter's personal data, declared for the registry. The proof of each consent is
the privacy app's ConsentRecord (purpose "newsletter", declared in privacy/privacy.py).

A subscriber row waiting for its confirmation is no consent: it goes the night after its
link expires (newsletter.tasks.delete_unconfirmed_signups, a compliance task), as unverified
data requests go in the rights app; `newsletter.consent` is only the latest it could stay.
"""

from django.utils.translation import gettext_lazy as _

from privacy.registry import declare, exempt
from privacy.vocabulary import Action, LegalBasis, Subject

declare(
    model="newsletter.Subscriber",
    subject=Subject.SUBSCRIBER,
    category=_("Newsletter subscription"),
    items=(
        _("E-mail address"),
        _("Where you signed up, the wording you saw and the network you came from"),
        _("Whether opens and clicks may be counted"),
    ),
    fields=(
        "email",
        "status",
        "source",
        "language",
        "tracking",
        "created_at",
        "wording_shown",
        "signup_ip",
        "confirmed_at",
        "unsubscribed_at",
        "last_used_at",
    ),
    purpose=_("Send you the newsletter you confirmed, and stop when you unsubscribe"),
    legal_basis=LegalBasis.CONSENT,
    rule="newsletter.consent",
    clock_field="last_used_at",
    user_path="user",
    email_path="email",
    on_expiry=Action.DELETE,
    on_erase=Action.DELETE,
)

declare(
    model="newsletter.Delivery",
    subject=Subject.SUBSCRIBER,
    category=_("Newsletters sent to you, and opens and clicks if you allowed counting them"),
    items=(
        _("Which issues were sent to you, and when"),
        _("Opens and clicks, if you allowed counting them"),
    ),
    fields=("issue", "status", "claimed_at", "sent_at", "opened_at", "clicks"),
    purpose=_("Send each issue once, and count opens and clicks only if you agreed"),
    legal_basis=LegalBasis.CONSENT,
    rule="newsletter.consent",
    clock_field="claimed_at",
    user_path="subscriber__user",
    email_path="subscriber__email",
    on_expiry=Action.DELETE,
    on_erase=Action.DELETE,
)

exempt(
    "newsletter.Issue",
    fields=("body",),
    reason="An issue's text, written by staff for every subscriber: no one person's data.",
)
