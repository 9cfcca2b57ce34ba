"""How scores read on the page: "6,5", "83,45", "−1,92", "giảm 7 bậc", "19/55 (34,5 %)".

Plain functions, so tables and templates (through `indexes_tags`) format figures the same way.
"""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

MINUS = "\u2212"
MISSING = "–"


def points(value) -> str:
    """A score without trailing zeros, in the reader's locale: 6.50 → "6,5", 100.00 → "100"."""
    if value is None or value == "":
        return MISSING
    value = Decimal(value)
    if value == value.to_integral_value():
        return number_format(value.quantize(Decimal(1)), force_grouping=True)
    return number_format(value.normalize(), force_grouping=True)


def signed(value) -> str:
    """A change with its sign: +1,83, −1,92 (a true minus sign), 0."""
    if value is None or value == "":
        return MISSING
    value = Decimal(value)
    text = points(abs(value))
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"{MINUS}{text}"
    return text


def rank_change(places) -> str:
    """Places moved, in words: "tăng 3 bậc", "giảm 7 bậc", "giữ nguyên"."""
    if places is None or places == "":
        return MISSING
    if places > 0:
        return ngettext("up %(count)s place", "up %(count)s places", places) % {"count": places}
    if places < 0:
        return ngettext("down %(count)s place", "down %(count)s places", -places) % {"count": -places}
    return gettext("unchanged")


def share_of(part, whole) -> str:
    """A count against its total with the share: "19/55 (34,5 %)"."""
    if part is None or not whole:
        return MISSING
    share = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))
    return f"{number_format(part, force_grouping=True)}/{number_format(whole, force_grouping=True)} ({points(share)} %)"


def text(value) -> str:
    return MISSING if value in (None, "") else str(value)


FORMATTERS = {"points": points, "signed": signed, "rank_change": rank_change, "text": text}
