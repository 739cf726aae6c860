import unicodedata

import pytest
from django.core.exceptions import ValidationError

from accounts.validators import normalize_name, normalize_phone, normalize_postal_code


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("11151", "111 51"),
        ("111 51", "111 51"),
        (" 111  51 ", "111 51"),
        ("SE-41319", "413 19"),
    ],
)
def test_postal_codes_are_normalised_to_nnn_nn(typed, stored):
    assert normalize_postal_code(typed) == stored


@pytest.mark.parametrize("typed", ["1115", "111512", "01151", "abcde", "111-51", ""])
def test_bad_postal_codes_are_refused_with_an_example(typed):
    with pytest.raises(ValidationError, match="111 51"):
        normalize_postal_code(typed)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("070-123 45 67", "+46701234567"),
        ("0701234567", "+46701234567"),
        ("+46 70 123 45 67", "+46701234567"),
        ("+46 (0)70-123 45 67", "+46701234567"),
        ("0046701234567", "+46701234567"),
        ("08-123 456 78", "+46812345678"),
        ("031-12 34 56", "+4631123456"),
    ],
)
def test_phone_numbers_in_national_or_plus46_form_are_normalised(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["701234567", "070-12", "070-123 45 67 89 0", "07O-1234567", "0046", "+47 12", "+0123456789"],
)
def test_other_phone_numbers_are_refused(typed):
    with pytest.raises(ValidationError):
        normalize_phone(typed)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("+47 912 34 567", "+4791234567"), ("0045 12 34 56 78", "+4512345678")],
)
def test_a_number_of_another_country_is_kept_with_its_code(typed, stored):
    """Applicants from Norway and Denmark apply on the English site with their own numbers."""
    assert normalize_phone(typed) == stored


def test_names_with_swedish_letters_are_kept():
    assert normalize_name("Åsa-Lena Öberg") == "Åsa-Lena Öberg"


def test_names_typed_with_combining_characters_are_stored_composed():
    decomposed = "A\u030asa O\u0308berg"  # A + ring above, O + diaeresis
    stored = normalize_name(decomposed)
    assert stored == "Åsa Öberg"
    assert unicodedata.is_normalized("NFC", stored)


def test_names_from_other_alphabets_and_apostrophes_are_fine():
    assert normalize_name("  Zeynep   O\u2019Connor ") == "Zeynep O\u2019Connor"
    assert normalize_name("Наталья") == "Наталья"


@pytest.mark.parametrize("typed", ["R2D2", "Anna <script>", "-Anna", "", "   ", "Anna!"])
def test_names_with_digits_or_symbols_are_refused(typed):
    with pytest.raises(ValidationError, match="bokstäver"):
        normalize_name(typed)
