"""Vietnamese written without diacritics: for search ("Đồng Tháp" and "dong thap" become the same
words) and for addresses ("Cải cách hành chính" → cai-cach-hanh-chinh).

Unicode normalisation alone does not do it: đ/Đ have no decomposition, and some engines' folding
(SQLite FTS5's unicode61) misses letters with two marks such as ồ, ế, ố. So the portal folds text
itself, the same way for what it indexes and for what readers type, and every engine (SQLite,
PostgreSQL, Elasticsearch, OpenSearch) then compares plain ASCII words.

`fold` keeps one character per character of NFC text, so positions in the folded text are positions
in the original, which is what search highlighting (`portal.search.highlighting`) relies on.
"""

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii
from django.utils.text import slugify
from pyuca import Collator
from pyuca.collator import COLL_ELEMENT_PATTERN
from pyuca.utils import hexstrings2int

SPECIAL = {"đ": "d", "Đ": "d", "ð": "d", "ı": "i", "ł": "l", "ø": "o", "æ": "a", "œ": "o"}
WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """One character without its marks, lower case; always exactly one character."""
    if char in SPECIAL:
        return SPECIAL[char]
    base = "".join(part for part in unicodedata.normalize("NFD", char) if not unicodedata.combining(part))
    base = base.lower()
    return base if len(base) == 1 else char.lower()[:1] or char


def fold(text: str) -> str:
    """`text` in lower case without diacritics, one character per character of its NFC form."""
    return "".join(fold_char(char) for char in unicodedata.normalize("NFC", text or ""))


def words(text: str) -> list[str]:
    """The folded words (letters and digits) of `text`: what the engines index and what a query asks."""
    return WORD.findall(fold(text))


def ascii_slug(text: str) -> str:
    """A URL slug without diacritics: "Cải cách hành chính" → "cai-cach-hanh-chinh" (đ becomes d)."""
    return slugify(anyascii(text))


# The blocks of the collation table that names in this portal are written in: Latin (with the
# combining marks Vietnamese decomposes into), Greek (the tailoring's letters below), punctuation.
# Characters outside them still sort, after all of these, by code point (UCA's implicit weights).
COLLATED_BLOCKS = ((0x0000, 0x03FF), (0x1E00, 0x1EFF), (0x2000, 0x206F))


class LatinCollator(Collator):
    """pyuca's collator with only the rows of COLLATED_BLOCKS: the same order for Vietnamese and other
    Latin-script text, in about 1 MB of a web worker's memory instead of the full table's 11."""

    def load(self, filename):
        with open(filename, encoding="utf-8") as keys_file:
            for line in keys_file:
                line = line.split("#", 1)[0].rstrip()
                if not line or line.startswith("@"):
                    continue
                characters, elements = line.split(";", 1)
                code_points = hexstrings2int(characters.split())
                if not all(
                    any(low <= point <= high for low, high in COLLATED_BLOCKS) for point in code_points
                ):
                    continue
                weights = [
                    hexstrings2int(match.groups()) for match in COLL_ELEMENT_PATTERN.finditer(elements)
                ]
                self.table.add(code_points, weights)


@lru_cache(maxsize=1)
def _collator() -> Collator:
    """The Unicode Collation Algorithm's table for the Latin script (pyuca), read once (a tenth of a second)."""
    return LatinCollator()


# Vietnamese letters that are letters of their own, after their base letter (a ă â, d đ, e ê, o ô ơ,
# u ư), not an "a" with a mark: the mark becomes a Greek letter, whose weights follow every Latin one,
# so "Sở Du lịch" sorts before "Sở Đô thị" and "anh" before "ăn". Tones stay marks (secondary weights).
LETTER_MARKS = {"\u0306": "α", "\u0302": "β", "\u031b": "γ"}  # breve, circumflex, horn


def _tailored(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "dα").replace("Đ", "Dα"))
    letters = []
    for char in decomposed:
        letters.append(LETTER_MARKS.get(char, char))
    return "".join(letters)


def sort_key(text: str) -> tuple:
    """A key that orders Vietnamese text as a reader does, by the Unicode Collation Algorithm (pyuca)
    with the alphabet's own letters: "Kế" before "Khoa", "Du" before "Đô", case and tones deciding
    only between otherwise equal words."""
    return _collator().sort_key(_tailored(text))


def vietnamese_order(items, key=str) -> list:
    """`items` sorted by `sort_key` of `key(item)`."""
    return sorted(items, key=lambda item: sort_key(key(item)))
