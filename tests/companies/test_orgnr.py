import calendar
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from companies.orgnr import is_personal_identity_number, luhn_ok, normalize_org_number


@pytest.fixture
def today(frozen_now):
    return frozen_now.date()


@pytest.mark.parametrize(
    "raw", ["556036-0793", "5560360793", " 556036 0793 ", "16556036-0793", "165560360793"]
)
def test_a_valid_number_is_accepted_in_every_usual_spelling(raw, today):
    assert normalize_org_number(raw, today=today) == "556036-0793"


def test_a_wrong_check_digit_is_refused_with_a_clear_message(today):
    with pytest.raises(ValidationError) as exc:
        normalize_org_number("556036-0794", today=today)
    assert exc.value.code == "checksum"
    assert "sista siffran" in exc.value.messages[0]  # Swedish first


@pytest.mark.parametrize("raw", ["556036-079", "55603607931", "1655603607", "16556036079"])
def test_a_wrong_length_is_refused(raw, today):
    with pytest.raises(ValidationError) as exc:
        normalize_org_number(raw, today=today)
    assert exc.value.code in {"length", "checksum"}


def test_letters_are_refused(today):
    with pytest.raises(ValidationError) as exc:
        normalize_org_number("55603A-0793", today=today)
    assert exc.value.code == "invalid"


def test_a_sole_traders_number_is_a_personal_identity_number():
    assert is_personal_identity_number("811218-9876")
    assert not is_personal_identity_number("556036-0793")


@pytest.mark.parametrize("raw", ["000000-0000", "0000000000", "160000000000", "551300-0009"])
def test_a_number_that_passes_luhn_but_is_no_organisation_number_is_refused(raw, today):
    # 000000-0000 adds up like a real number; the third and fourth digits are never 00 or 13-19.
    with pytest.raises(ValidationError) as exc:
        normalize_org_number(raw, today=today)
    assert exc.value.code == "invalid"
    assert "tredje och fjärde siffran" in exc.value.messages[0]


def test_the_refusal_speaks_english_in_english(today):
    from django.utils import translation

    with translation.override("en"):
        with pytest.raises(ValidationError) as exc:
            normalize_org_number("000000-0000", today=today)
        assert "third and fourth digits" in exc.value.messages[0]


def test_a_sole_traders_personal_identity_number_is_still_accepted(today):
    assert normalize_org_number("811218-9876", today=today) == "811218-9876"


@pytest.mark.parametrize("raw", ["19811218-9876", "198112189876", "811218+9876"])
def test_a_sole_traders_number_with_its_century_or_plus_is_accepted(raw, today):
    """The Tax Agency writes a personal identity number with its century (12 digits); the
    form says a sole trader gives theirs."""
    assert normalize_org_number(raw, today=today) == "811218-9876"


@pytest.mark.parametrize("dash", ["\u2013", "\u2014", "\u2212", "\u2011"])
def test_a_number_copied_with_a_typographic_dash_is_accepted(dash, today):
    assert normalize_org_number(f"556036{dash}0793", today=today) == "556036-0793"


def test_a_number_with_month_digits_00_is_told_what_they_must_be(today):
    with pytest.raises(ValidationError) as exc:
        normalize_org_number("0000000000", today=today)
    assert "ska vara 20 eller mer för en organisation, eller en månad" in exc.value.messages[0]


# --- A sole trader's number is a personal identity number: its first six digits are a date
# of birth (YYMMDD; a samordningsnummer adds 60 to the day).


def with_check_digit(first_nine: str) -> str:
    """A number whose Luhn check digit is right, so only its date can be wrong."""
    check = next(d for d in range(10) if luhn_ok(f"{first_nine}{d}"))
    return f"{first_nine[:6]}-{first_nine[6:]}{check}"


@pytest.mark.parametrize(
    "birth",
    [
        "810230",  # 30 February
        "811300",  # month 13 (tells what the month digits must be, as before)
        "811200",  # day 00
        "811232",  # 32 December
        "810431",  # 31 April
        "810192",  # a samordningsnummer's day 92 (32 January)
    ],
)
def test_an_impossible_date_of_birth_is_refused(birth, frozen_now):
    with pytest.raises(ValidationError) as exc:
        normalize_org_number(with_check_digit(f"{birth}987"), today=frozen_now.date())
    assert exc.value.code in {"birth_date", "invalid"}


def test_an_impossible_date_of_birth_is_told_in_swedish_and_in_english(frozen_now):
    from django.utils import translation

    number = with_check_digit("810230987")
    with pytest.raises(ValidationError) as exc:
        normalize_org_number(number, today=frozen_now.date())
    assert exc.value.code == "birth_date"
    assert "födelsedatum" in exc.value.messages[0]
    with translation.override("en"):
        assert "date of birth" in exc.value.messages[0]


def test_a_date_of_birth_in_the_future_is_refused(frozen_now):
    tomorrow = frozen_now.date() + dt.timedelta(days=1)
    number = with_check_digit(f"{tomorrow:%y%m%d}987")
    with pytest.raises(ValidationError) as exc:
        normalize_org_number(f"{tomorrow.year // 100}{number}", today=frozen_now.date())
    assert exc.value.code == "birth_date_future"
    assert "framtiden" in exc.value.messages[0]


def test_a_date_of_birth_today_or_a_century_ago_is_accepted(frozen_now):
    """Ten digits name no century: YYMMDD is the latest such day, never a future one."""
    today = frozen_now.date()
    tomorrow = today + dt.timedelta(days=1)
    for day in (today, tomorrow):  # tomorrow's YYMMDD: a person born a century ago
        number = with_check_digit(f"{day:%y%m%d}987")
        assert normalize_org_number(number, today=today) == number
    born_today = with_check_digit(f"{today:%y%m%d}987")
    assert normalize_org_number(f"{today.year // 100}{born_today}", today=today) == born_today


def test_the_29th_of_february_of_a_leap_year_is_accepted(frozen_now):
    today = frozen_now.date()
    leap = next(y for y in range(today.year - 1, 0, -1) if calendar.isleap(y))
    number = with_check_digit(f"{leap % 100:02d}0229987")
    assert normalize_org_number(number, today=today) == number
    assert normalize_org_number(f"{leap // 100}{number}", today=today) == number


def test_the_29th_of_february_of_a_common_year_is_refused(frozen_now):
    today = frozen_now.date()
    common = next(y for y in range(today.year - 1, 0, -1) if not calendar.isleap(y))
    number = with_check_digit(f"{common % 100:02d}0229987")
    with pytest.raises(ValidationError) as exc:
        normalize_org_number(f"{common // 100}{number}", today=today)
    assert exc.value.code == "birth_date"


def test_a_samordningsnummer_with_its_day_plus_60_is_accepted(frozen_now):
    number = with_check_digit("811278987")  # born 18 December 1981
    assert normalize_org_number(number, today=frozen_now.date()) == number


def test_a_plus_sign_says_a_hundred_years_more(frozen_now):
    """ "+" marks a person of a hundred or more: 000229+ is 29 February 1900, no such day."""
    today = frozen_now.date()
    number = with_check_digit("000229987")
    assert normalize_org_number(number, today=today) == number  # 2000: a leap year
    with pytest.raises(ValidationError) as exc:
        normalize_org_number(number.replace("-", "+"), today=today)
    assert exc.value.code == "birth_date"


@pytest.mark.parametrize("first_nine", ["556036079", "212000014", "559930000", "163002000"])
def test_an_organisations_number_is_no_date_of_birth(first_nine, frozen_now):
    """An organisation's third and fourth digits are 20 or more, its fifth and sixth
    anything (00, 99): never read as a date."""
    number = with_check_digit(first_nine)
    assert normalize_org_number(number, today=frozen_now.date()) == number
