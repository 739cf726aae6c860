"""A bar chart of numbers per day, drawn as SVG on the server: no script, no CDN."""

import datetime
from dataclasses import dataclass

WIDTH, HEIGHT, TOP = 720, 220, 12  # the chart's own units (the SVG scales to its box)


@dataclass(frozen=True)
class Bar:
    day: datetime.date
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    maximum: int
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)


def bar_chart(points: list[tuple[datetime.date, int]]) -> Chart:
    maximum = max((value for _, value in points), default=0)
    step = WIDTH / max(len(points), 1)
    bars = []
    for i, (day, value) in enumerate(points):
        height = (HEIGHT - TOP) * value / maximum if maximum else 0
        bars.append(
            Bar(
                day=day,
                value=value,
                x=round(i * step + step * 0.1, 2),
                y=round(HEIGHT - height, 2),
                width=round(step * 0.8, 2),
                height=round(height, 2),
            )
        )
    return Chart(bars=bars, maximum=maximum)
