"""Swedish organisation numbers: ten digits NNNNNN-NNNN with a Luhn check digit.

A sole trader's organisation number is their personal identity number (month digits 01-12
in positions 3-4), so it is personal data and never shown publicly. The 12-digit form with
the "16" prefix that the Swedish Tax Agency uses is accepted and shortened.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s\-+]")


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
    if len(digits) == 12 and digits.startswith("16"):
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
                "This is not an organisation number: its third and fourth digits are 20 or "
                "more (a month, 01-12, for a sole trader)."
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
