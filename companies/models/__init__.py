from .agreements import Agreement, AgreementNote
from .billing import Invoice, InvoiceCounter, Order, Payment, Product, Reminder
from .core import Company, CompanyQuerySet, Invitation, Membership
from .moderation import AdRevision, ModeratedAd

__all__ = [
    "AdRevision",
    "Agreement",
    "AgreementNote",
    "Company",
    "CompanyQuerySet",
    "Invitation",
    "Invoice",
    "InvoiceCounter",
    "Membership",
    "ModeratedAd",
    "Order",
    "Payment",
    "Product",
    "Reminder",
]
