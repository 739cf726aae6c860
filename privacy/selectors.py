"""Reads shaped for pages: the retention forecast, the notice and the record of processing."""

import datetime

from .enforcement import forecast
from .rules import all_rules

FORECAST_DAYS = (7, 30, 90)


def retention_forecast(*, today: datetime.date) -> list[dict]:
    """For each rule, how many rows it will act on within 7, 30 and 90 days (dry runs with
    an as-of date; nothing changes)."""
    ahead = {days: forecast(as_of=today + datetime.timedelta(days=days))
             for days in FORECAST_DAYS}
    return [{"rule": rule, "counts": [ahead[days][rule.name] for days in FORECAST_DAYS]}
            for rule in all_rules()]
