"""Swedish organisation numbers: ten digits NNNNNN-NNNN with a Luhn check digit.

A sole trader's organisation number is their personal identity number (month digits 01-12
in positions 3-4), so it is personal data and never shown publicly. The 12-digit form with
the "16" prefix that the Swedish Tax Agency uses is accepted and shortened.

A personal identity number begins with its holder's date of birth, YYMMDD (a samordningsnummer
adds 60 to the day): a date that does not exist, or has not come yet, is refused. Ten digits
name no century: the date is the latest one not after today ("+" before the last four digits
says a hundred years earlier still), so only the 12-digit form can name a future date.
"""

import datetime as dt
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


def normalize_org_number(value: str, *, today: dt.date) -> str:
    """Return the canonical NNNNNN-NNNN form, or raise ValidationError with a clear message;
    `today` (the caller's local date) is the latest date of birth a sole trader may have."""
    digits = _SEPARATORS.sub("", value or "")
    if not digits.isdigit():
        raise ValidationError(
            _("An organisation number has only digits, like 556677-8899."), code="invalid"
        )
    organisation = digits.startswith("16")
    person = digits.startswith(_CENTURIES) and 1 <= int(digits[4:6] or 0) <= 12
    century = None
    if len(digits) == 12 and (organisation or person):
        century = None if organisation else int(digits[:2])
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
    if is_personal_identity_number(digits):
        _check_date_of_birth(digits, century=century, centenarian="+" in value, today=today)
    if not luhn_ok(digits):
        raise ValidationError(
            _("This organisation number is not valid: check the last digit."), code="checksum"
        )
    return f"{digits[:6]}-{digits[6:]}"


def _check_date_of_birth(
    digits: str, *, century: int | None, centenarian: bool, today: dt.date
) -> None:
    """Refuse a personal identity number whose YYMMDD is no day, or a day after `today`."""
    yy, month, day = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    if day > 60:  # a samordningsnummer
        day -= 60
    if century is not None:
        year = century * 100 + yy
    else:
        year = today.year - (today.year - yy) % 100  # the latest year ending in YY
        if (year, month, day) > (today.year, today.month, today.day):
            year -= 100
        if centenarian:
            year -= 100
    try:
        born = dt.date(year, month, day)
    except ValueError:
        raise ValidationError(
            _(
                "This personal identity number has no valid date of birth: check its first "
                "six digits (YYMMDD)."
            ),
            code="birth_date",
        ) from None
    if born > today:
        raise ValidationError(
            _("This personal identity number has a date of birth in the future: check the year."),
            code="birth_date_future",
        )


# is_personal_identity_number in SQL (a stored NNNNNN-NNNN): month digits 01-12.
PERSONAL_IDENTITY_NUMBER_REGEX = r"^[0-9]{2}(0[1-9]|1[0-2])"


def is_personal_identity_number(org_number: str) -> bool:
    """True for a sole trader, whose number is a personal identity number (month 01-12); an
    organisation's third and fourth digits are 20 or more."""
    month = int(org_number[2:4])
    return 1 <= month <= 12
