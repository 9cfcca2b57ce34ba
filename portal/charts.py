"""Charts drawn on the server as SVG: readable without JavaScript, each with a table beside it."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.formats import number_format


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float
    value_text: str


def bar_chart(
    points: list[tuple[str, float]], *, title: str, width: int = 720, height: int = 260, label_every: int = 1
) -> str:
    """An accessible SVG bar chart of (label, value) points; the caller shows the same data as a table."""
    top, bottom, left, right = 16, 36, 8, 8
    plot_height = height - top - bottom
    largest = max((value for _, value in points), default=0) or 1
    slot = (width - left - right) / max(len(points), 1)
    bars = []
    for index, (label, value) in enumerate(points):
        bar_height = plot_height * value / largest
        bars.append(
            Bar(
                label=label if index % label_every == 0 else "",
                value=value,
                x=left + index * slot + slot * 0.15,
                y=top + plot_height - bar_height,
                width=slot * 0.7,
                height=bar_height,
                value_text=number_format(value, force_grouping=True),
            )
        )
    return render_to_string(
        "includes/bar_chart.svg",
        {
            "title": title,
            "width": width,
            "height": height,
            "bars": bars,
            "baseline": top + plot_height,
            "label_y": height - 14,
            "max_text": number_format(largest, force_grouping=True),
            "top": top,
            "left": left,
            "right": width - right,
        },
    )


def short_number(value: float) -> str:
    """A figure in the reader's locale without trailing zeros: 10 → "10", 6.5 → "6,5", 91.651 → "91,651".

    Three decimals at most, the precision figures are published with, so a chart shows what its table does.
    """
    if value.is_integer():
        return number_format(int(value), force_grouping=True)
    return number_format(round(value, 3), force_grouping=True)


@dataclass(frozen=True)
class HorizontalBar:
    label: str
    value_text: str
    y: float
    width: float
    track_width: float
    highlight: bool


def horizontal_bar_chart(
    rows: list[tuple[str, float | None, float | None]],
    *,
    title: str,
    scale_max: float | None = None,
    highlight: frozenset[int] = frozenset(),
    width: int = 640,
    label_width: int = 210,
    suffix: str = "",
) -> str:
    """An SVG chart with one horizontal bar per (label, value, maximum) row.

    Each bar sits on a light track as long as its own maximum, so a component's score reads against
    what it could have been; rows whose position is in `highlight` are drawn in the accent colour.
    """
    row_height, top, gap = 26, 8, 6
    bar_area = width - label_width - 70
    largest = float(scale_max or max((maximum or value or 0 for _, value, maximum in rows), default=0) or 1)
    bars = []
    for position, (label, value, maximum) in enumerate(rows):
        value = float(value or 0)
        bars.append(
            HorizontalBar(
                label=label,
                value_text=short_number(value) + suffix,
                y=top + position * row_height,
                width=bar_area * value / largest,
                track_width=bar_area * float(maximum or largest) / largest,
                highlight=position in highlight,
            )
        )
    height = top * 2 + len(rows) * row_height
    return render_to_string(
        "includes/horizontal_bar_chart.svg",
        {
            "title": title,
            "width": width,
            "height": height,
            "bars": bars,
            "bar_height": row_height - gap,
            "label_width": label_width,
            "bar_x": label_width + 8,
        },
    )
