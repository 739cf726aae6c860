"""Swedish organisation numbers: ten digits NNNNNN-NNNN with a Luhn check digit.

A sole trader's organisation number is their personal identity number (month digits 01-12
in positions 3-4), so it is personal data and never shown publicly. The 12-digit form with
the "16" prefix that the Swedish Tax Agency uses is accepted and shortened.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Spaces, hyphens and the dashes and minus signs a copy from a document brings along; "+"
# is a personal identity number's mark of a person of a hundred or more.
_SEPARATORS = re.compile(r"[\s\-+\u2010-\u2015\u2212]")
# The 12-digit forms: "16" before an organisation's number (the Tax Agency's), the century
# before a personal identity number (a sole trader's: 19811218-9876).
_CENTURIES = ("18", "19", "20")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def normalize_org_number(value: str) -> str:
    """Return the canonical NNNNNN-NNNN form, or raise ValidationError with a clear message."""
    digits = _SEPARATORS.sub("", value or "")
    if not digits.isdigit():
        raise ValidationError(
            _("An organisation number has only digits, like 556677-8899."), code="invalid"
        )
    organisation = digits.startswith("16")
    person = digits.startswith(_CENTURIES) and 1 <= int(digits[4:6] or 0) <= 12
    if len(digits) == 12 and (organisation or person):
        digits = digits[2:]
    if len(digits) != 10:
        raise ValidationError(
            _("An organisation number has ten digits, like 556677-8899."), code="length"
        )
    if not (1 <= int(digits[2:4]) <= 12 or int(digits[2:4]) >= 20):
        # A sole trader's number has a month there, an organisation's 20 or more; this also
        # refuses 000000-0000, whose check digit adds up like a real one.
        raise ValidationError(
            _(
                "This is not an organisation number: its third and fourth digits must be 20 "
                "or more for an organisation, or a month (01-12) for a sole trader."
            ),
            code="invalid",
        )
    if not luhn_ok(digits):
        raise ValidationError(
            _("This organisation number is not valid: check the last digit."), code="checksum"
        )
    return f"{digits[:6]}-{digits[6:]}"


def is_personal_identity_number(org_number: str) -> bool:
    """True for a sole trader, whose number is a personal identity number (month 01-12)."""
    month = int(org_number[2:4])
    return 1 <= month <= 12
