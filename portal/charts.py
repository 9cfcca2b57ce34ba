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
    note: str = ""  # a second figure under the value, such as a rank ("13/18")


def bar_chart(
    points: list[tuple],
    *,
    title: str,
    width: int = 720,
    height: int = 260,
    label_every: int = 1,
    source: str = "",
    show_values: bool = False,
) -> str:
    """An accessible SVG bar chart of (label, value[, note]) points; the caller shows the same data as a table.

    The chart scales to its container (a viewBox, no fixed size); `show_values` writes each value (and
    its note) above its bar, and `source` adds a source line under the chart.
    """
    top = 40 if show_values else 16
    bottom = 36 + (18 if source else 0)
    left, right = 8, 8
    plot_height = height - top - bottom
    largest = max((point[1] for point in points), default=0) or 1
    slot = (width - left - right) / max(len(points), 1)
    bars = []
    for index, point in enumerate(points):
        label, value = point[0], point[1]
        bar_height = plot_height * value / largest
        bars.append(
            Bar(
                label=label if index % label_every == 0 else "",
                value=value,
                x=left + index * slot + slot * 0.15,
                y=top + plot_height - bar_height,
                width=slot * 0.7,
                height=bar_height,
                value_text=short_number(float(value)),
                note=point[2] if len(point) > 2 and point[2] else "",
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
            "label_y": top + plot_height + 20,
            "max_text": number_format(largest, force_grouping=True),
            "top": top,
            "left": left,
            "right": width - right,
            "show_values": show_values,
            "source": source,
            "source_y": height - 8,
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
    label_lines: list[str]
    value_text: str
    y: float
    bar_y: float
    width: float
    track_width: float
    highlight: bool


def label_lines(label: str, limit: int) -> list[str]:
    """A label written out in full, broken between words into lines of at most about `limit` letters."""
    lines, line = [], ""
    for word in label.split():
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def horizontal_bar_chart(
    rows: list[tuple[str, float | None, float | None]],
    *,
    title: str,
    scale_max: float | None = None,
    highlight: frozenset[int] = frozenset(),
    width: int = 400,
    suffix: str = "",
    source: str = "",
    show_maximum: bool = False,
) -> str:
    """An SVG chart with one horizontal bar per (label, value, maximum) row, scaling to its container.

    Each label is written out in full on its own line(s) above its bar, so the chart reads on a phone;
    each bar sits on a light track as long as its own maximum, so a score reads against what it could
    have been, and its value is written beside it ("6,5/6,5" with `show_maximum`). Rows whose position
    is in `highlight` (the agency the page is about) are drawn in the highlight colour, and named so in
    their tooltip; `source` adds a source line under the chart.
    """
    line_height, bar_height, gap, top = 16, 16, 12, 8
    value_room = 96 if show_maximum else 64
    bar_area = width - value_room
    chars_per_line = width // 7
    largest = float(scale_max or max((maximum or value or 0 for _, value, maximum in rows), default=0) or 1)
    bars = []
    y = top
    for position, (label, value, maximum) in enumerate(rows):
        lines = label_lines(label, chars_per_line) or [""]
        number = float(value or 0)
        text = "–" if value is None else short_number(number)
        if show_maximum and maximum is not None:
            text = f"{text}/{short_number(float(maximum))}"
        bars.append(
            HorizontalBar(
                label_lines=lines,
                value_text=text + ("" if value is None else suffix),
                y=y,
                bar_y=y + len(lines) * line_height + 2,
                width=bar_area * number / largest,
                track_width=bar_area * float(maximum or largest) / largest,
                highlight=position in highlight,
            )
        )
        y += len(lines) * line_height + 2 + bar_height + gap
    height = y + (22 if source else 0)
    return render_to_string(
        "includes/horizontal_bar_chart.svg",
        {
            "title": title,
            "width": width,
            "height": height,
            "bars": bars,
            "bar_height": bar_height,
            "line_height": line_height,
            "source": source,
            "source_y": height - 8,
        },
    )
