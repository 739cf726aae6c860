"""Cleaning of what seekers type: Swedish postal codes, phone numbers and names.

Each function returns the normalised value or raises ValidationError with a message in the
user's language.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The longest address mail can be sent to (RFC 5321), and the database's column.
EMAIL_MAX_LENGTH = 254
EMAIL_TOO_LONG = _(
    "An e-mail address has at most %(limit_value)s characters, and this one has "
    "%(show_value)s. Please check it."
)
_POSTAL_CODE = re.compile(r"[1-9]\d{4}")
_PHONE_SEPARATORS = re.compile(r"[\s\-().]")


def normalize_postal_code(value: str) -> str:
    """Five digits, the first not 0, written "NNN NN" (e.g. "11151" -> "111 51")."""
    digits = re.sub(r"\s", "", value or "")
    if digits.upper().startswith("SE-"):
        digits = digits[3:]
    if not _POSTAL_CODE.fullmatch(digits):
        raise ValidationError(
            _("Enter a Swedish postal code with five digits, e.g. 111 51."), code="postal_code"
        )
    return f"{digits[:3]} {digits[3:]}"


def normalize_phone(value: str) -> str:
    """A Swedish number in national (070-123 45 67) or international (+46 70 123 45 67) form,
    stored as +46701234567; another country's with its code (+47 912 34 567, applicants from
    the neighbouring countries), stored as +4791234567."""
    raw = _PHONE_SEPARATORS.sub("", value or "")
    if raw.startswith("00") and not raw.startswith("0046"):
        raw = "+" + raw[2:]
    if raw.startswith("+") and not raw.startswith("+46"):
        # E.164: a country code and at most 15 digits in all.
        if not raw[1:].isdigit() or raw[1] == "0" or not 8 <= len(raw) - 1 <= 15:
            raise ValidationError(
                _("That phone number has the wrong number of digits. Example: +47 912 34 567."),
                code="phone_length",
            )
        return raw
    if raw.startswith("+46"):
        national = raw[3:]
    elif raw.startswith("0046"):
        national = raw[4:]
    elif raw.startswith("0") and not raw.startswith("00"):
        national = raw[1:]
    else:
        raise ValidationError(
            _(
                "Enter a phone number starting with 0, or with + and the country code, "
                "e.g. 070-123 45 67 or +47 912 34 567."
            ),
            code="phone_prefix",
        )
    if national.startswith("0"):  # "+46 (0)70 ..." written with the trunk zero
        national = national[1:]
    if not national.isdigit() or not 7 <= len(national) <= 9:
        raise ValidationError(
            _("That phone number has the wrong number of digits. Example: 070-123 45 67."),
            code="phone_length",
        )
    return f"+46{national}"


def normalize_name(value: str) -> str:
    """Letters of any alphabet with their accents (also as combining characters), spaces,
    hyphens and apostrophes; stored in NFC so "A" + ring above becomes "Å"."""
    name = unicodedata.normalize("NFC", " ".join((value or "").split()))
    allowed = all(unicodedata.category(ch)[0] in "LM" or ch in " -'\u2019." for ch in name)
    if not name or not allowed or unicodedata.category(name[0])[0] != "L":
        raise ValidationError(
            _("Use letters only (spaces, hyphens and apostrophes are fine)."), code="name"
        )
    return name


def check_email_length(value: str) -> None:
    """An address longer than EMAIL_MAX_LENGTH is refused, never cut short."""
    if len(value) > EMAIL_MAX_LENGTH:
        raise ValidationError(
            EMAIL_TOO_LONG,
            code="max_length",
            params={"limit_value": EMAIL_MAX_LENGTH, "show_value": len(value)},
        )
