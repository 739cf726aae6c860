import pytest

from privacy import registry
from privacy.vocabulary import Action, LegalBasis, Subject


@pytest.fixture
def declare():
    """Register test-only declarations for the test, and remove them afterwards."""
    added = []

    def _declare(**kwargs):
        kwargs.setdefault("items", ("Test data",))
        declaration = registry.declare(**kwargs)
        added.append(declaration)
        return declaration

    yield _declare
    for declaration in added:
        registry._declarations.remove(declaration)


@pytest.fixture
def bookkeeping(declare):
    """Stands in for the companies app's orders: an ad as a transaction kept by law."""
    return declare(
        model="jobs.Ad",
        subject=Subject.COMPANY_CONTACT,
        category="Orders",
        fields=("contact_email",),
        purpose="Bookkeeping",
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        rule="billing.bookkeeping",
        clock_field="published_at",
        email_path="contact_email",
        on_expiry=Action.DELETE,
        on_erase=Action.KEEP,
        keep_reason="The bookkeeping act",
    )
