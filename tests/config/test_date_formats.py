"""No date a form reads, the admin's included, is read day or month first: Django's own
formats for Swedish and English read 01/02/2027 as the 2nd of January (config/formats)."""

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("typed", ["01/02/2027", "02/01/27", "Feb 1 2027", "1 February 2027"])
def test_a_day_written_day_or_month_first_is_read_by_no_form(language, typed):
    with translation.override(language):
        with pytest.raises(ValidationError):
            forms.DateField().clean(typed)
        with pytest.raises(ValidationError):
            forms.DateTimeField().clean(f"{typed} 10:00")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_day_written_year_first_is_read_in_every_language(language):
    with translation.override(language):
        assert forms.DateField().clean("2027-02-01") == dt.date(2027, 2, 1)
        assert forms.DateField().clean("2027/02/01") == dt.date(2027, 2, 1)
        assert forms.DateTimeField().clean("2027-02-01 10:00").date() == dt.date(2027, 2, 1)
