"""What the headers and cells of a results file mean: the columns it may have and how numbers read."""

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Figures are kept with up to three decimals, as provinces publish them (91,651); a cell with more
# would lose digits and is refused rather than rounded.
DECIMAL_PLACES = 3

# The figures a row may carry besides component scores, and the columns that hold them.
AGENCY = "agency"
POINTS = "points"
MAXIMUM = "applicable_maximum"
INDEX = "index_value"
RANK = "published_rank"
RESULT_FIELDS = (POINTS, MAXIMUM, INDEX, RANK)
COLUMN_TITLES = {
    AGENCY: "Cơ quan",
    POINTS: "Tổng điểm",
    MAXIMUM: "Điểm tối đa",
    INDEX: "Chỉ số (%)",
    RANK: "Xếp hạng",
}
HEADER_ALIASES = {
    "cơ quan": AGENCY,
    "tên cơ quan": AGENCY,
    "cơ quan, đơn vị": AGENCY,
    "tổng điểm": POINTS,
    "điểm tối đa": MAXIMUM,
    "chỉ số (%)": INDEX,
    "chỉ số": INDEX,
    "chỉ số %": INDEX,
    "xếp hạng": RANK,
    "thứ hạng": RANK,
}
COMPONENT_HEADER = re.compile(r"^(?P<name>.*\S)\s*\(\s*(?P<maximum>\d+(?:[.,]\d+)?)\s*(?:điểm)?\s*\)$")
NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
EMPTY_MARKS = {"-", "–", "—"}  # published tables mark a figure that does not apply with a dash


def normalise(text: object) -> str:
    """Text as compared and stored: composed Unicode, single spaces, no spaces at the ends."""
    text = unicodedata.normalize("NFC", str(text)).replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


def match_key(text: object) -> str:
    """The form names and headers are matched by: normalised, case-folded, brackets spaced alike."""
    key = normalise(text).casefold()
    key = re.sub(r"\s*\(\s*", " (", key)
    return re.sub(r"\s*\)", ")", key).strip()


def is_empty(value: object) -> bool:
    """A cell with nothing in it, or only spaces."""
    return value is None or (isinstance(value, str) and not normalise(value))


@dataclass(frozen=True)
class HeaderMeaning:
    """What a header names: one of the result's figures, or a component with the maximum it states."""

    field: str | None = None
    component: str | None = None
    maximum: Decimal | None = None


def parse_header(title: object) -> HeaderMeaning | None:
    """The meaning of a header ("Tổng điểm", "Cải cách thể chế (6,5)"), or None for another column."""
    if is_empty(title):
        return None
    key = match_key(title)
    if key in HEADER_ALIASES:
        return HeaderMeaning(field=HEADER_ALIASES[key])
    match = COMPONENT_HEADER.match(normalise(title))
    if not match:
        return None
    name = normalise(match["name"])
    if match_key(name) in HEADER_ALIASES:  # "Tổng điểm (100)"
        return HeaderMeaning(field=HEADER_ALIASES[match_key(name)])
    maximum = Decimal(match["maximum"].replace(",", "."))
    return HeaderMeaning(component=name, maximum=maximum)


class TooPrecise(ValueError):
    """A number with more decimals than the portal keeps: importing it would lose digits."""


def decimals(number: Decimal) -> int:
    """How many decimals a number is written with, trailing zeros aside: 91.6510 → 3, 100 → 0."""
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def parse_number(value: object, *, percent_sign: bool = False) -> Decimal | None:
    """A cell as the number it holds, exactly, or None when empty; ValueError when it is not one, and
    `TooPrecise` when it has more than three decimals (never rounded: that would change the figure).

    Reads "10,86" and "91.651" alike, and numbers an XLSX cell already holds (a float as Excel shows
    it, to 15 significant digits, so 0.1 + 0.2 reads 0.3).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(value)
        number = Decimal(f"{value:.15g}") if isinstance(value, float) else Decimal(value)
    else:
        text = normalise(value).replace(" ", "")
        if percent_sign:
            text = text.removesuffix("%")
        if not text or text in EMPTY_MARKS:
            return None
        if not NUMBER.match(text):
            raise ValueError(value)
        number = Decimal(text.replace(",", "."))
    try:
        places = decimals(number)
    except InvalidOperation:
        raise ValueError(value) from None
    if places > DECIMAL_PLACES:
        raise TooPrecise(value)
    return number


def format_number(value: Decimal | int | None) -> str:
    """A figure as Vietnamese write it in messages: a decimal comma, no trailing zeros after it."""
    if value is None:
        return ""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
