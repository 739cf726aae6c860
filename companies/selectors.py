"""Reads for the employer's pages: a constant number of queries, whatever the company's size."""

import datetime

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils.translation import gettext as _

from config.pages import PER_PAGE
from jobs.models import Ad, AdQuerySet
from jobs.selectors import ad_statistics

from .models import Company, Invitation, Invoice, Membership


def _in_state(ads: AdQuerySet, state: str, now: datetime.datetime) -> AdQuerySet:
    """The ads shown now ("live"), not out yet ("waiting": drafts, waiting for review, due
    later) or stopped ("ended": by their end, withdrawn, filled, taken down)."""
    if state == "live":
        return ads.public(now)
    waiting = Q(status__in=(Ad.Status.DRAFT, Ad.Status.PENDING_REVIEW)) | Q(
        status=Ad.Status.PUBLISHED, published_at__gt=now
    )
    if state == "waiting":
        return ads.filter(waiting)
    if state == "ended":
        return ads.exclude(waiting).exclude(pk__in=ads.public(now).values("pk"))
    return ads


def company_ads(
    company: Company, *, now: datetime.datetime, page=None, words: str = "", state: str = ""
) -> Page:
    """One page of the company's ads, newest first, each with its counts (jobs' per-ad
    statistics) and whether it is public now (jobs' one definition); narrowed by `words`
    of the title and by `state` (see `_in_state`). In pages: an employer with 500 ads
    waited 175 ms for a table of all of them (a phone scrolled 500 cards)."""
    chosen = _in_state(Ad.objects.for_company(company), state, now)
    for word in words.split():
        chosen = chosen.filter(title__icontains=word)
    ads_page = Paginator(
        chosen.select_related("municipality").order_by("-created_at", "-id"), PER_PAGE
    ).get_page(page)
    ads = ads_page.object_list = list(ads_page.object_list)
    stats = ad_statistics((ad.pk for ad in ads), counts=("views", "contact_views", "applications"))
    for ad in ads:
        counts = stats[ad.pk]
        # Attributes of this page only, set on the instances (a published ad has its end).
        ad.view_count = counts["views"]  # type: ignore[attr-defined]
        ad.contact_view_count = counts["contact_views"]  # type: ignore[attr-defined]
        ad.application_count = counts["applications"]  # type: ignore[attr-defined]
        ad.is_live = ad.is_public(now)  # type: ignore[attr-defined]
        ad.has_ended = ad.status == Ad.Status.PUBLISHED and not ad.is_live and ad.ends_at <= now  # type: ignore[attr-defined, operator]
    return ads_page


def company_invoices(company: Company):
    return (
        Invoice.objects.for_company(company)
        .select_related("order__product")
        .with_paid_amount()
        .order_by("-number")
    )


def company_members(company: Company):
    return (
        Membership.objects.filter(company=company)
        .select_related("user")
        .order_by("-role", "created_at")
    )


def _with_expiry(invitations, now: datetime.datetime) -> list:
    """Each invitation marked with whether its link has stopped working."""
    shown = list(invitations)
    for invitation in shown:
        invitation.expired = invitation.expires_at <= now
    return shown


def pending_invitations(company: Company):
    return Invitation.objects.filter(company=company, accepted_at__isnull=True)


def dashboard(
    company: Company,
    *,
    now: datetime.datetime,
    ads_page=None,
    invoices_page=None,
    ads_filter: tuple[str, str] = ("", ""),
) -> dict:
    """The dashboard's lists; the ads and the invoices a page at a time (`ads_page` and
    `invoices_page`: the numbers asked for, anything else is the first or the last), the
    ads narrowed by `ads_filter` (words of the title, state)."""
    words, state = ads_filter
    return {
        "ads": company_ads(company, now=now, page=ads_page, words=words, state=state),
        "ads_filtered": bool(words or state),
        "invoices": Paginator(company_invoices(company), PER_PAGE).get_page(invoices_page),
        "members": list(company_members(company)),
        "invitations": _with_expiry(pending_invitations(company), now),
    }


def companies_left_without_owner(user, *, now: datetime.datetime) -> list[Company]:
    """The companies `user` is the only owner of that still have other contact persons or
    ads running (shown, or waiting for review or their start): without this person no one
    could invite an owner, read the applications or stop the ads."""
    owned = Company.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.OWNER
    ).order_by("name", "pk")
    running = Q(status=Ad.Status.PENDING_REVIEW) | Q(status=Ad.Status.PUBLISHED, ends_at__gt=now)
    return [
        company
        for company in owned
        if not company.memberships.filter(role=Membership.Role.OWNER).exclude(user=user).exists()
        and (
            company.memberships.exclude(user=user).exists()
            or Ad.objects.for_company(company).filter(running).exists()
        )
    ]


def only_owner_refusal(user, now: datetime.datetime) -> str:
    """accounts' deletion guard (registered in CompaniesConfig.ready): the only owner of a
    company left without anyone to act for it may not delete their own account yet."""
    companies = companies_left_without_owner(user, now=now)
    if not companies:
        return ""
    return _(
        "You are the only owner of %(companies)s, which still has other contact persons "
        "or ads that are shown. Before you delete your account, invite a colleague as an "
        "owner from the company's page, or withdraw the ads and remove the other contact "
        "persons. If you need help, write to us at %(email)s."
    ) % {
        "companies": ", ".join(company.name for company in companies),
        "email": settings.CONTACT_EMAIL,
    }
