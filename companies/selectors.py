"""Reads for the employer's pages: a constant number of queries, whatever the company's size."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from jobs.models import Ad, AdView, Application, ContactView

from .models import Company, Invitation, Invoice, Membership


def _count(model, *, field: str = "ad"):
    """A correlated COUNT per ad (separate subqueries: joins would multiply the counts)."""
    counts = (
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def company_ads(company: Company):
    return (
        Ad.objects.for_company(company)
        .select_related("municipality")
        .annotate(
            view_count=_count(AdView),
            contact_view_count=_count(ContactView),
            application_count=_count(Application),
        )
        .order_by("-created_at", "-id")
    )


def company_invoices(company: Company):
    return (
        Invoice.objects.for_company(company)
        .select_related("order")
        .with_paid_amount()
        .order_by("-number")
    )


def company_members(company: Company):
    return (
        Membership.objects.filter(company=company)
        .select_related("user")
        .order_by("-role", "created_at")
    )


def pending_invitations(company: Company):
    return Invitation.objects.filter(company=company, accepted_at__isnull=True)


def dashboard(company: Company) -> dict:
    return {
        "ads": list(company_ads(company)),
        "invoices": list(company_invoices(company)),
        "members": list(company_members(company)),
        "invitations": list(pending_invitations(company)),
    }
