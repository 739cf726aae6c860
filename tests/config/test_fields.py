"""The shared form fields read what people type as meant, or refuse it."""

import pytest

from config.fields import parse_kronor


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
