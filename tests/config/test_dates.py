"""Dates on pages never break at their hyphens: the `day` filter (config/dates.py)."""

import datetime as dt

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation


def render(source: str, **context) -> str:
    return engines["django"].from_string("{% load dates i18n %}" + source).render(context)


def test_a_date_is_written_in_a_span_that_does_not_break():
    assert render("{{ d|day }}", d=dt.date(2027, 1, 2)) == '<span class="date">2027-01-02</span>'


def test_a_datetime_is_shown_in_the_sites_time_zone_with_the_format_given(settings):
    settings.TIME_ZONE = "Europe/Stockholm"
    moment = dt.datetime(2027, 1, 1, 23, 30, tzinfo=dt.UTC)
    assert (
        render('{{ d|day:"Y-m-d H:i" }}', d=moment) == '<span class="date">2027-01-02 00:30</span>'
    )


def test_no_date_shows_nothing():
    assert render("{{ d|day }}", d=None) == ""


@pytest.mark.django_db
def test_a_date_inside_a_translated_sentence_keeps_its_span(rf):
    with translation.override("sv"):
        html = render_to_string(
            "jobs/apply_done.html",
            {"deletion_date": dt.date(2027, 1, 2), "ad": None},
            request=rf.get("/"),
        )
    assert '<span class="date">2027-01-02</span>' in html
