"""Marking the words a reader searched for, whatever diacritics either side used."""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from portal.transliteration import fold

WORD = re.compile(r"\w+")


def match_spans(text: str, terms: list[str], original: str = "") -> list[tuple[int, int]]:
    """Where `text` (NFC) holds the reader's words: whole words only, the phrase first.

    When the reader's words appear side by side in their order ("chỉ số cải cách"), only that phrase is
    marked, not each "số" or "chi" elsewhere; otherwise each word that is one of the `terms` (folded)
    is. A word the reader typed with diacritics ("Sở") marks only words written the same way, not "sơ"
    or "số"; one typed without them marks every spelling.
    """
    folded = fold(text)
    terms = [term for term in terms if term]
    if not terms:
        return []
    if len(terms) > 1:
        phrase = re.compile(
            r"(?<![a-z0-9])" + r"[^a-z0-9]+".join(re.escape(term) for term in terms) + r"(?![a-z0-9])"
        )
        spans = [match.span() for match in phrase.finditer(folded)]
        if spans:
            return spans
    exact = {}
    for word in WORD.findall(unicodedata.normalize("NFC", original or "").lower()):
        if fold(word) != word:  # typed with diacritics: only that spelling
            exact.setdefault(fold(word), set()).add(word)
    pattern = re.compile(
        r"(?<![a-z0-9])(?:"
        + "|".join(re.escape(term) for term in sorted(set(terms), key=len, reverse=True))
        + r")(?![a-z0-9])"
    )
    spans = []
    for match in pattern.finditer(folded):
        spellings = exact.get(match.group(0))
        if spellings and text[match.start() : match.end()].lower() not in spellings:
            continue
        spans.append(match.span())
    return spans


def highlight(text: str, terms: list[str], *, limit: int | None = None, original: str = "") -> SafeString:
    """`text`, escaped, with the reader's words in <mark> (see `match_spans`); `original` is the query as typed.

    With `limit`, only a window of about that many characters around the first match is kept.
    """
    text = unicodedata.normalize("NFC", text or "")
    spans = match_spans(text, terms, original)
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
