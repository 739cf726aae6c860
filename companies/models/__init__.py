from .agreements import Agreement, AgreementNote
from .billing import Invoice, InvoiceCounter, Order, Payment, Product, Reminder
from .core import Company, CompanyQuerySet, Invitation, Membership

__all__ = [
    "Agreement",
    "AgreementNote",
    "Company",
    "CompanyQuerySet",
    "Invitation",
    "Invoice",
    "InvoiceCounter",
    "Membership",
    "Order",
    "Payment",
    "Product",
    "Reminder",
]
