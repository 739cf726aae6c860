"""The shared form fields read what people type as meant, or refuse it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from config.fields import DayField, is_public_host, parse_kronor


@pytest.mark.parametrize(
    ("typed", "kronor"),
    [
        ("30000", 30_000),
        (" 30 000 ", 30_000),
        ("30\u00a0000\u00a0kr", 30_000),
        ("1 250 000", 1_250_000),
        ("1.250.000", 1_250_000),
        ("30,000", 30_000),
        ("30000,00", 30_000),
        ("185 kr", 185),
        ("SEK 30 000", 30_000),
        ("30 000 kronor", 30_000),
        ("30000kr:-", 30_000),
    ],
)
def test_whole_kronor_are_read_as_swedes_write_them(typed, kronor):
    assert parse_kronor(typed) == kronor


@pytest.mark.parametrize(
    "typed",
    ["", "trettio", "30,5,5", "-5", "12,5", "30 00", "1 250.000", "30 000 kr/mån", "9" * 16],
)
def test_anything_else_is_not_an_amount(typed):
    assert parse_kronor(typed) is None


@pytest.mark.parametrize("typed", ["2027-02-01", "2027/02/01", "2027.2.1", " 2027-02-01 "])
def test_a_day_written_year_first_is_read(typed):
    assert DayField().clean(typed) == dt.date(2027, 2, 1)


@pytest.mark.parametrize(
    "typed", ["01/02/2027", "02/01/2027", "01.02.2027", "1/2/27", "Feb 1 2027", "2027-02/01"]
)
def test_a_day_written_any_other_way_is_refused_with_the_format_and_an_example(typed):
    field = DayField(example=dt.date(2027, 3, 31))
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            field.clean(typed)
        assert refused.value.messages == [
            "Write the date as YYYY-MM-DD (year-month-day), e.g. 2027-03-31."
        ]


@pytest.mark.parametrize(
    ("host", "public"),
    [
        ("bolaget.se", True),
        ("www.räksmörgås.se", True),
        ("xn--rksmrgs-5wao1o.se", True),
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
        ("bolaget.se.", True),
        ("localhost", False),
        ("app.localhost", False),
        ("intranet", False),
        ("skrivare.local", False),
        ("wiki.corp.internal", False),
        ("router.home.arpa", False),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("192.168.0.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),  # noqa: S104 (an address refused, not bound)
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:10.0.0.1", False),
        ("127.1", False),
        ("0x7f.1", False),
        ("", False),
    ],
)
def test_a_public_host_is_one_on_the_internet(host, public):
    assert is_public_host(host) is public
