"""Vietnamese without diacritics, for search: "Đồng Tháp" and "dong thap" become the same words.

Unicode normalisation alone does not do it: đ/Đ have no decomposition, and some engines' folding
(SQLite FTS5's unicode61) misses letters with two marks such as ồ, ế, ố. So the portal folds text
itself, the same way for what it indexes and for what readers type, and every engine (SQLite,
PostgreSQL, Elasticsearch, OpenSearch) then compares plain ASCII words.

`fold` keeps one character per character of NFC text, so positions in the folded text are positions
in the original, which is what `highlight` relies on.
"""

import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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


def highlight(text: str, terms: list[str], *, limit: int | None = None) -> SafeString:
    """`text`, escaped, with every word starting with one of the folded `terms` in <mark>.

    With `limit`, only a window of about that many characters around the first match is kept.
    """
    text = unicodedata.normalize("NFC", text or "")
    folded = fold(text)
    terms = sorted({term for term in terms if term}, key=len, reverse=True)
    spans = []
    if terms:
        pattern = re.compile(
            r"(?<![a-z0-9])(?:" + "|".join(re.escape(term) for term in terms) + r")[a-z0-9]*"
        )
        spans = [match.span() for match in pattern.finditer(folded)]
    start, end = 0, len(text)
    if limit and len(text) > limit:
        first = spans[0][0] if spans else 0
        start = max(0, first - limit // 3)
        end = min(len(text), start + limit)
        # Cut at word boundaries.
        if start > 0:
            start = text.find(" ", start) + 1 or start
        if end < len(text):
            end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    pieces = ["…" if start > 0 else ""]
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        pieces.append(escape(text[position:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    pieces.append(escape(text[position:end]))
    if end < len(text):
        pieces.append("…")
    # Safe: every piece of the reader's text is escaped above.
    return mark_safe("".join(pieces))
