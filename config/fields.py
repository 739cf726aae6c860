"""Form fields for what people type their own way, read strictly: a value is read as meant
or refused with a message that says how to write it, never read as something else.

- `WholeKronorField`: "30 000", "30 000 kr", "30000:-" are 30000 (a number input refused
  the space Swedes put between thousands, and "30.000" was read as 30).
- `DayField`: a day written year first, 2026-12-24. Django's formats for Swedish and English
  read "01/02/2027" as the 2nd of January; a Swede means the 1st of February.
- `PublicURLField`: an http(s) address of a public web page, "example.se" with https://
  added; never javascript:, a file share or a machine of the writer's own network.
"""

import datetime as dt
import ipaddress
import re
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# --- Amounts in whole kronor -----------------------------------------------------------------

_SPACES = re.compile(r"\s+")  # U+00A0 and U+202F, the no-break spaces, are whitespace too
_KRONOR = re.compile(
    r"""(?:sek\ ?)?
    (?P<number>[0-9]{1,3}(?P<sep>[ .,])[0-9]{3}(?:(?P=sep)[0-9]{3})*|[0-9]+)
    (?:[.,]00?)?                     # no öre: "30 000,00"
    \ ?(?:kr\.?|kronor|sek)?\ ?(?::-)?""",
    re.IGNORECASE | re.VERBOSE,
)
_MOST_DIGITS = 15


def parse_kronor(text: str) -> int | None:
    """The whole kronor in `text` as Swedes write them, or None when it is not one amount:
    thousands apart by a space, a no-break space, a dot or a comma ("30 000", "30.000"),
    with or without "kr", "SEK", ":-" or zero öre. "12,5", "30,5,5" and "-5" are None."""
    match = _KRONOR.fullmatch(_SPACES.sub(" ", text).strip())
    if not match:
        return None
    digits = re.sub("[ .,]", "", match["number"])
    return int(digits) if len(digits) <= _MOST_DIGITS else None


class WholeKronorField(forms.IntegerField):
    """An amount in whole kronor as typed (`parse_kronor`) in a text input: a number input
    drops "30 000" before it is sent, and after an error shows nothing of what was typed."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        number = parse_kronor(str(value))
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


# --- Days ------------------------------------------------------------------------------------

_YEAR_FIRST = re.compile(r"(?P<y>[0-9]{4})(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})")


class DayField(forms.DateField):
    """A day written year first: 2026-12-24 (what a date picker sends), 2026/12/24 or
    2026.12.24. A day written day or month first ("01/02/2027") is refused with the format
    to use, whatever the language: which of the two comes first cannot be known.
    `example` is the day the message shows (today when not set)."""

    default_error_messages = {
        "invalid": _("Write the date as YYYY-MM-DD (year-month-day), e.g. %(example)s."),
        "no_such_day": _("There is no such day: %(value)s."),
    }

    def __init__(self, *, example: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.example = example

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        match = _YEAR_FIRST.fullmatch(text)
        if not match:
            example = self.example or timezone.localdate()
            raise ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"example": example.isoformat()},
            )
        try:
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            raise ValidationError(
                self.error_messages["no_such_day"], code="no_such_day", params={"value": text}
            ) from None


# --- Public web addresses --------------------------------------------------------------------

# Top-level names that never reach the internet: the reserved ones (.localhost, .test,
# .invalid), multicast DNS (.local), private networks (.internal, .lan, .home.arpa, .corp...).
_PRIVATE_TLDS = frozenset(
    {"localhost", "local", "internal", "intranet", "lan", "home", "corp", "localdomain"}
    | {"private", "arpa", "test", "invalid"}
)
_TLD = re.compile(r"xn--[a-z0-9-]+|[^\W\d_]{2,63}")
_HOST = re.compile(r"[\w.:-]+")  # a name or an address, IPv6 too, not words with spaces


def is_public_host(host: str) -> bool:
    """A name on the internet or a global IP address, not a machine of the writer's own
    network: not localhost, a private, loopback or link-local address, a .local or
    .internal name, nor a bare name without a dot ("intranet")."""
    host = host.lower().rstrip(".")
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        return ip.is_global
    labels = host.split(".")
    tld = labels[-1]
    # A top-level domain is letters: "127.1" or "0x7f.1" is an address written short.
    return (
        len(labels) > 1 and all(labels) and tld not in _PRIVATE_TLDS and bool(_TLD.fullmatch(tld))
    )


def is_public_url(url: str) -> bool:
    """Whether `url` is what PublicURLField takes: http(s), a public host, no user name or
    password. For addresses stored before the field checked them, where they are shown or
    followed."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        credentials = parts.username is not None or parts.password is not None
    except ValueError:  # a malformed port or IPv6 address
        return False
    return (
        parts.scheme.lower() in ("http", "https")
        and bool(_HOST.fullmatch(host))
        and is_public_host(host)
        and not credentials
    )


class PublicURLField(forms.URLField):
    """The address of a public web page, for a link others open: http or https only, on a
    public host (`is_public_host`), without a user name or password. "example.se" is read
    as https://example.se."""

    default_error_messages = {
        "invalid": _("Give the whole web address, starting with https://."),
        "scheme": _("Give a web address starting with https:// or http://, not %(scheme)s:."),
        "not_public": _("Give the address of a public web page: %(host)s is not one."),
        "credentials": _("Give the address without a user name or password."),
    }
    default_validators = [URLValidator(schemes=["http", "https"])]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)

    def validate(self, value: str) -> None:
        super().validate(value)
        scheme = urlsplit(value).scheme.lower() if value else ""
        if value and scheme not in ("http", "https"):
            raise ValidationError(
                self.error_messages["scheme"], code="scheme", params={"scheme": scheme}
            )

    def run_validators(self, value: str) -> None:
        """A host that is a name or an address, but not a public one, is told so
        ("intranet is not one"); what is not an address at all gets the whole-address
        message."""
        if value in self.empty_values:
            return
        parts = urlsplit(value)
        host = parts.hostname or ""
        if _HOST.fullmatch(host) and not is_public_host(host):
            raise ValidationError(
                self.error_messages["not_public"], code="not_public", params={"host": host}
            )
        super().run_validators(value)
        if parts.username is not None or parts.password is not None:
            raise ValidationError(self.error_messages["credentials"], code="credentials")
