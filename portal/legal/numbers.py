"""Numbers and symbols of legal documents ("số, ký hiệu"): reading them however they are typed, and
finding them in running text.

A document's number and symbol is its number in the issuer's register, then its symbol: the form's
abbreviation and the issuer's ("57/QĐ-UBND"); laws, decrees and circulars put the year between them
("42/2022/NĐ-CP"). People type it with spaces ("57 / QĐ - UBND"), without diacritics ("57/QD-UBND"),
in lower case, with a leading zero ("07/TB-SKHCN"), with an en dash or an underscore ("844/SKHCN_VP").
All of these are one document, so the portal compares *keys*: the number folded like search words
(`portal.transliteration.fold`: no diacritics, đ → d, lower case), without spaces, with one kind of
dash and without leading zeros ("57/qd-ubnd"). What is shown is the number as written, tidied:
"57 / qđ - ubnd" reads "57/QĐ-UBND" (a symbol part already in mixed case, such as "TTg", is kept).
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from portal.transliteration import fold

MAX_LENGTH = 60
# Hyphen look-alikes and the underscore some registers use: all read as "-".
DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212_"), "-")
# "Ð" (U+00D0, Icelandic eth) is often typed for "Đ" (U+0110): they look the same.
LOOKALIKES = {ord("\u00d0"): "\u0110", ord("\u00f0"): "\u0111"}
PREFIX = re.compile(r"^(?:số|so|no)\b\s*[:.]?\s*", re.IGNORECASE)
SPACED_SEPARATOR = re.compile(r"\s*([/-])\s*")
# The tidied number: digits (and an optional letter), an optional year, then a symbol of letters,
# digits and "&" in parts joined by dashes, the first part starting with a letter.
NUMBER = re.compile(
    r"^(?P<number>\d{1,6}[^\W\d_]?)(?:/(?P<year>(?:19|20)\d\d))?"
    r"/(?P<symbol>[^\W\d_][\w&.]*(?:-[\w&.]+)*)$"
)
# A number cited in running text ("Quyết định số 57/QĐ-UBND ngày 25/01/2024"): written compactly,
# its symbol starting with a capital, so that scores ("83,45/100"), ranks ("13/18") and dates are not
# taken for one.
CITED = re.compile(r"(?<![\w/])(\d{1,6}[a-z]?(?:/(?:19|20)\d\d)?/[A-ZĐÐ][\w]*(?:[-_\u2013][\w]+)*)(?![\w/])")
SPACE = r"(?:\s|&nbsp;|&#160;|\u00a0)+"
CITED_DATE = re.compile(
    rf",?{SPACE}ngày{SPACE}(\d{{1,2}})(?:\s*[/.-]\s*|{SPACE}tháng{SPACE})(\d{{1,2}})"
    rf"(?:\s*[/.-]\s*|{SPACE}năm{SPACE})(\d{{4}})",
    re.IGNORECASE,
)


class NumberError(ValueError):
    """Text that is not a document number and symbol."""


@dataclass(frozen=True)
class DocumentNumber:
    display: str  # "57/QĐ-UBND"
    key: str  # "57/qd-ubnd"
    year: int | None  # the year written in the number ("42/2022/NĐ-CP"), if any


def _tidy(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "").translate(LOOKALIKES).translate(DASHES).strip()
    text = PREFIX.sub("", text)
    text = SPACED_SEPARATOR.sub(r"\1", text)
    return text


def _symbol_display(symbol: str) -> str:
    """Each part of the symbol in capitals, unless it is already written in mixed case ("TTg")."""
    return "-".join(
        part if any(char.isupper() for char in part) else part.upper() for part in symbol.split("-")
    )


def parse(text: str) -> DocumentNumber:
    """The number as shown and as compared; `NumberError` when `text` is not one."""
    tidied = _tidy(text)
    match = NUMBER.match(tidied) if len(tidied) <= MAX_LENGTH else None
    if match is None:
        raise NumberError(text)
    number = match["number"]
    year = match["year"]
    display = "/".join(part for part in (number, year, _symbol_display(match["symbol"])) if part)
    key_number = number.lstrip("0") or "0"
    key = "/".join(part for part in (key_number, year, match["symbol"]) if part)
    return DocumentNumber(display=display, key=fold(key), year=int(year) if year else None)


def parse_or_none(text: str) -> DocumentNumber | None:
    try:
        return parse(text)
    except NumberError:
        return None


def key_of(text: str) -> str | None:
    """The key of a number ("57/qd-ubnd"), or None when `text` is not a number."""
    number = parse_or_none(text)
    return number.key if number else None


@dataclass(frozen=True)
class Cited:
    """A number found in text: where it is, what it is, and the date written after it, if any."""

    start: int
    end: int
    number: DocumentNumber
    cited_on: date | None

    @property
    def year(self) -> int | None:
        """The year the citation gives for the document: its date's, else the year in its number."""
        return self.cited_on.year if self.cited_on else self.number.year


def find_cited(text: str) -> list[Cited]:
    """Every document number in `text` (plain text or the text between HTML tags), in order."""
    found = []
    for match in CITED.finditer(text or ""):
        number = parse_or_none(match.group(1))
        if number is None:
            continue
        cited_on = None
        after = CITED_DATE.match(text, match.end())
        if after:
            try:
                cited_on = date(int(after[3]), int(after[2]), int(after[1]))
            except ValueError:
                cited_on = None
        found.append(Cited(start=match.start(1), end=match.end(1), number=number, cited_on=cited_on))
    return found
