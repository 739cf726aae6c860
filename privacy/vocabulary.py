"""The words of the registry: whose data (Subject), on what legal ground (LegalBasis) and
what happens to it (Action). Declarations, rules, the engine and the notice all import them
from here."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Subject(StrEnum):
    """The kind of person the data is about, as the published notice groups it."""

    SEEKER = "seeker"
    APPLICANT = "applicant"
    COMPANY_CONTACT = "company_contact"
    VISITOR = "visitor"
    CONTACT = "contact"
    SUBSCRIBER = "subscriber"


# A further purpose wherever the product counts people's data without naming anyone (the
# seed notice names it for every kind of person; declared only where it is done).
ANONYMISED_ANALYSES = _("Make analyses in which the data is anonymised (counts only)")

SUBJECT_LABELS = {
    Subject.SEEKER: _("Job seekers"),
    Subject.APPLICANT: _("Applicants"),
    Subject.COMPANY_CONTACT: _("Companies and contact persons"),
    Subject.VISITOR: _("Website visitors"),
    Subject.CONTACT: _("Others who contact us"),
    Subject.SUBSCRIBER: _("Newsletter subscribers"),
}


class LegalBasis(StrEnum):
    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    LEGITIMATE_INTEREST = "legitimate_interest"


LEGAL_BASIS_LABELS = {
    LegalBasis.CONSENT: _("Consent, GDPR art. 6(1)(a)"),
    LegalBasis.CONTRACT: _("Contract, GDPR art. 6(1)(b)"),
    LegalBasis.LEGAL_OBLIGATION: _("Legal obligation, GDPR art. 6(1)(c)"),
    LegalBasis.LEGITIMATE_INTEREST: _("Legitimate interest, GDPR art. 6(1)(f)"),
}


class Action(StrEnum):
    """What happens to a row at expiry or at erasure."""

    DELETE = "delete"
    ANONYMISE = "anonymise"
    HIDE = "hide"  # taken off every public page; kept for staff
    STOP = "stop"  # processing stops (a subscription lapses); the row stays under its own rule
    KEEP = "keep"  # kept and restricted, for the legal reason given
