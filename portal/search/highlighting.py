"""Marking the words a reader searched for, whatever diacritics either side used."""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from portal.transliteration import fold


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
