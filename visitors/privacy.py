"""The personal data of the visitors app, declared for the privacy registry.

Cookie choices and page views belong to a random visitor number, never to a name or an
address: no access or erasure request can find them (`links_person=False`), and they go
at 12 months under `visitors.tracking`. Just before page views go, their daily totals per
page are kept (visitors.DailyPageStat, without any visitor number).
"""

from django.utils.translation import gettext_lazy as _

from privacy.registry import declare, exempt
from privacy.vocabulary import Action, LegalBasis, Subject


def _keep_daily_totals(views, now):
    from . import services

    services.aggregate_page_views(views, now)


declare(
    model="visitors.CookieChoice",
    subject=Subject.VISITOR,
    category=_("Your cookie choices"),
    items=(
        _("A random visitor number, kept in the cookie_consent cookie"),
        _("Which cookie groups you accepted or declined, when, and the wording you were shown"),
    ),
    fields=("visitor_id", "action", "groups", "accepted", "declined", "wording", "occurred_at"),
    purpose=_("Prove which cookies you accepted or declined, and on which wording"),
    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
    rule="visitors.tracking",
    clock_field="occurred_at",
    links_person=False,
    on_expiry=Action.DELETE,
    on_erase=Action.DELETE,
)

declare(
    model="visitors.PageView",
    subject=Subject.VISITOR,
    category=_("Pages and ads you viewed"),
    items=(
        _("A random visitor number, kept in the visitor cookie"),
        _("Which pages and ads you view, when, for how long, and how often you visit"),
    ),
    fields=("visitor_id", "visit", "starts_visit", "path", "ad", "occurred_at", "duration"),
    purpose=_("Statistics of how the site is used, with your consent"),
    legal_basis=LegalBasis.CONSENT,
    recipients=(_("The company that published the ad (as daily counts only)"),),
    rule="visitors.tracking",
    clock_field="occurred_at",
    links_person=False,
    on_expiry=Action.DELETE,
    on_erase=Action.DELETE,
    before_act=_keep_daily_totals,
)

exempt(
    "visitors.DailyPageStat",
    fields=("day", "path", "views", "visits", "seconds"),
    reason="Daily totals per page: no visitor number, no address, nothing about a person.",
)
