"""factory_boy factories, one module per app; import them from here."""

from .accounts import UserFactory
from .companies import CompanyFactory, MembershipFactory, valid_org_number
from .jobs import AdFactory, ClosedAdFactory

__all__ = [
    "AdFactory",
    "ClosedAdFactory",
    "CompanyFactory",
    "MembershipFactory",
    "UserFactory",
    "valid_org_number",
]
