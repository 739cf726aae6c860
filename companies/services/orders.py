"""Ordering an ad: the order, its invoice, and publishing through jobs' one service.

The ad's own life (writing, editing, publishing, withdrawing) is jobs.services.ads; this app
sells the period and bills it.
"""

import datetime as dt
import logging
from dataclasses import dataclass, replace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from jobs.models import Ad
from jobs.models.ads import last_day_before
from jobs.services import ads as ad_services

from .. import tasks
from ..models import Order, Product
from . import billing

logger = logging.getLogger(__name__)


class OrderError(Exception):
    """A refusal with a message for the user."""


def order_ad(
    *, ad: Ad, product: Product, by: User, now: dt.datetime, send_invoice: bool = True
) -> Order:
    """Order a product for an ad: the invoice is issued and the ad goes live at once
    (or waits for review, see jobs.services.ads.needs_review). Renewing an ended ad is a new
    order. The invoice is e-mailed once the order commits (the demo data passes
    send_invoice=False)."""
    if not product.is_active:
        raise OrderError(_("This product is no longer for sale."))
    with transaction.atomic():
        ad = Ad.objects.select_for_update().get(pk=ad.pk)
        try:
            ad_services.check_publishable(ad=ad, days=product.days, now=now)
        except ad_services.AdError as exc:
            raise OrderError(str(exc)) from exc
        order = Order.objects.create(
            company=ad.company,
            ad=ad,
            ad_title=ad.title,
            product=product,
            product_name=product.name,
            days=product.days,
            price_ore=product.price_ore,
            ordered_by=by,
            created_at=now,
            last_transaction_on=timezone.localdate(now),
        )
        invoice = billing.issue_invoice(order=order, now=now)
        ad_services.publish_paid(
            ad=ad,
            days=product.days,
            is_featured=product.is_featured,
            product_name=product.name,
            by=by,
            now=now,
        )
        if send_invoice:
            transaction.on_commit(lambda: _enqueue_invoice_mail(invoice.pk))
    logger.info(
        "order %s for ad %s: invoice %s, status %s", order.pk, ad.pk, invoice.number, ad.status
    )
    return order


@dataclass(frozen=True)
class Choice:
    """A product as the order page offers it for one ad: the last day the ad would be shown
    (its end is the last day to apply when that comes first) and on how many days, or why it
    cannot be ordered. `shorter` is a cheaper product of the same kind that also shows the ad
    to its last day to apply, named when this one would be cut short by that day."""

    product: Product
    shown_until: dt.date | None
    refusal: str
    days_shown: int = 0
    shorter: Product | None = None

    @property
    def cut_short(self) -> bool:
        return 0 < self.days_shown < self.product.days


def choices(*, ad: Ad, now: dt.datetime) -> list[Choice]:
    """Each product for sale, for this ad ordered now (the same checks as `order_ad`).

    A product longer than the time to the last day to apply is paid in full but ends with
    that day: the employer is told how many days are used, and pointed to a cheaper product
    that also lasts to that day when there is one (prices and products are staff's)."""
    offered = [_choice(ad=ad, product=product, now=now) for product in Product.objects.available()]
    needed = _days_to_last_day(ad=ad, now=now)
    to_last_day = [c for c in offered if c.shown_until and c.product.days >= needed]
    return [_with_shorter(choice, to_last_day) for choice in offered]


def _choice(*, ad: Ad, product: Product, now: dt.datetime) -> Choice:
    try:
        ad_services.check_publishable(ad=ad, days=product.days, now=now)
    except ad_services.AdError as exc:
        return Choice(product, None, str(exc))
    ends = ad_services.ends_at_for(
        published_at=now, days=product.days, last_application_date=ad.last_application_date
    )
    days = min(_days_to_last_day(ad=ad, now=now), product.days)
    return Choice(product, last_day_before(ends), "", days)


def _days_to_last_day(*, ad: Ad, now: dt.datetime) -> int:
    """The calendar days from today to the last day to apply, both counted."""
    return (ad.last_application_date - timezone.localdate(now)).days + 1


def _with_shorter(choice: Choice, to_last_day: list[Choice]) -> Choice:
    if not choice.cut_short:
        return choice
    cheaper = [
        c.product
        for c in to_last_day
        if c.product.is_featured == choice.product.is_featured
        and c.product.price_ore < choice.product.price_ore
    ]
    if not cheaper:
        return choice
    return replace(choice, shorter=min(cheaper, key=lambda p: p.price_ore))


def _enqueue_invoice_mail(invoice_id: int) -> None:
    tasks.send_invoice.delay(invoice_id=invoice_id)
