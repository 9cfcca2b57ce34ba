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
