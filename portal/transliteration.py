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


@lru_cache(maxsize=1)
def _collator() -> Collator:
    """The Unicode Collation Algorithm's default table (pyuca), read once (about half a second)."""
    return Collator()


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
