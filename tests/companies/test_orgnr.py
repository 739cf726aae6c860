import pytest
from django.core.exceptions import ValidationError

from companies.orgnr import is_personal_identity_number, normalize_org_number


@pytest.mark.parametrize(
    "raw", ["556036-0793", "5560360793", " 556036 0793 ", "16556036-0793", "165560360793"]
)
def test_a_valid_number_is_accepted_in_every_usual_spelling(raw):
    assert normalize_org_number(raw) == "556036-0793"


def test_a_wrong_check_digit_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError) as exc:
        normalize_org_number("556036-0794")
    assert exc.value.code == "checksum"
    assert "sista siffran" in exc.value.messages[0]  # Swedish first


@pytest.mark.parametrize("raw", ["556036-079", "55603607931", "1655603607", "16556036079"])
def test_a_wrong_length_is_refused(raw):
    with pytest.raises(ValidationError) as exc:
        normalize_org_number(raw)
    assert exc.value.code in {"length", "checksum"}


def test_letters_are_refused():
    with pytest.raises(ValidationError) as exc:
        normalize_org_number("55603A-0793")
    assert exc.value.code == "invalid"


def test_a_sole_traders_number_is_a_personal_identity_number():
    assert is_personal_identity_number("811218-9876")
    assert not is_personal_identity_number("556036-0793")


@pytest.mark.parametrize("raw", ["000000-0000", "0000000000", "160000000000", "551300-0009"])
def test_a_number_that_passes_luhn_but_is_no_organisation_number_is_refused(raw):
    # 000000-0000 adds up like a real number; the third and fourth digits are never 00 or 13-19.
    with pytest.raises(ValidationError) as exc:
        normalize_org_number(raw)
    assert exc.value.code == "invalid"
    assert "tredje och fjärde siffran" in exc.value.messages[0]


def test_the_refusal_speaks_english_in_english():
    from django.utils import translation

    with translation.override("en"):
        with pytest.raises(ValidationError) as exc:
            normalize_org_number("000000-0000")
        assert "third and fourth digits" in exc.value.messages[0]


def test_a_sole_traders_personal_identity_number_is_still_accepted():
    assert normalize_org_number("811218-9876") == "811218-9876"


@pytest.mark.parametrize("raw", ["19811218-9876", "198112189876", "811218+9876"])
def test_a_sole_traders_number_with_its_century_or_plus_is_accepted(raw):
    """The Tax Agency writes a personal identity number with its century (12 digits); the
    form says a sole trader gives theirs."""
    assert normalize_org_number(raw) == "811218-9876"


@pytest.mark.parametrize("dash", ["\u2013", "\u2014", "\u2212", "\u2011"])
def test_a_number_copied_with_a_typographic_dash_is_accepted(dash):
    assert normalize_org_number(f"556036{dash}0793") == "556036-0793"


def test_a_number_with_month_digits_00_is_told_what_they_must_be():
    with pytest.raises(ValidationError) as exc:
        normalize_org_number("0000000000")
    assert "ska vara 20 eller mer för en organisation, eller en månad" in exc.value.messages[0]
