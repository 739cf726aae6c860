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
