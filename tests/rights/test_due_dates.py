import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from rights.services.requests import add_months, due_date

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (dt.date(2026, 1, 31), dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 31), dt.date(2028, 2, 29)),  # leap year
        (dt.date(2028, 1, 29), dt.date(2028, 2, 29)),
        (dt.date(2026, 1, 29), dt.date(2026, 2, 28)),
        (dt.date(2026, 3, 31), dt.date(2026, 4, 30)),
        (dt.date(2026, 8, 31), dt.date(2026, 9, 30)),
        (dt.date(2026, 12, 15), dt.date(2027, 1, 15)),
        (dt.date(2026, 12, 31), dt.date(2027, 1, 31)),
        (dt.date(2028, 2, 29), dt.date(2028, 3, 29)),
        (dt.date(2026, 6, 1), dt.date(2026, 7, 1)),
    ],
)
def test_due_date_is_one_calendar_month_after_the_day_received(received, due):
    moment = dt.datetime.combine(received, dt.time(12), tzinfo=STOCKHOLM)
    assert due_date(moment) == due


def test_the_day_received_is_the_local_day():
    # 23:30 UTC on 31 January is already 1 February in Stockholm.
    late = dt.datetime(2026, 1, 31, 23, 30, tzinfo=dt.UTC)
    assert due_date(late) == dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("due", "months", "extended"),
    [
        (dt.date(2026, 2, 28), 2, dt.date(2026, 4, 28)),
        (dt.date(2027, 12, 31), 2, dt.date(2028, 2, 29)),
        (dt.date(2026, 11, 30), 1, dt.date(2026, 12, 30)),
        (dt.date(2026, 12, 31), 2, dt.date(2027, 2, 28)),
    ],
)
def test_extensions_count_calendar_months_too(due, months, extended):
    assert add_months(due, months) == extended
