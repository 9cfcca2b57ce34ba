"""Ordering the engine's best hits as a reader expects: the phrase before scattered words, and the
spelling typed before other spellings of the same folded words.

Every engine compares folded words (`portal.transliteration`), so "Sở Khoa học" and "số khoa học"
score the same there, and BM25 likes short titles that hold the words anywhere. The engine's first
`WINDOW` hits are therefore ordered again here, the same way on SQLite, PostgreSQL and OpenSearch:

1. the reader's words side by side in their order, spelt as typed (diacritics included);
2. the same phrase in another spelling ("so khoa hoc" typed, or "số khoa học" found);
3. then how many of the reader's words appear spelt as typed;
4. then the engine's own order.

Only titles and leads (names, for agencies) are read: what the reader sees in the list.
"""

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

from portal.transliteration import fold

WINDOW = 50  # the engine's hits ordered again; those after it keep the engine's order
WORD = re.compile(r"[a-z0-9]+")
Hit = TypeVar("Hit")


def tokens(text: str) -> tuple[list[str], list[str]]:
    """The words of `text` folded and as written (lower case, NFC), position by position."""
    text = unicodedata.normalize("NFC", text or "")
    folded = fold(text)  # one character per character: spans carry over to the original
    spans = [match.span() for match in WORD.finditer(folded)]
    return [folded[a:b] for a, b in spans], [text[a:b].lower() for a, b in spans]


def _contains(haystack: list[str], needle: list[str]) -> bool:
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


def closeness(query: str | tuple[list[str], list[str]], *texts: str) -> tuple[int, int]:
    """How closely `texts` hold `query` (text, or its `tokens`): (phrase level 0–2, words spelt as
    typed); higher is closer."""
    query_folded, query_written = tokens(query) if isinstance(query, str) else query
    if not query_folded:
        return (0, 0)
    level, written_words = 0, set()
    for text in texts:
        folded, written = tokens(text)
        if _contains(written, query_written):
            level = 2
        elif level < 1 and _contains(folded, query_folded):
            level = 1
        written_words.update(written)
    return (level, sum(1 for word in set(query_written) if word in written_words))


def rerank(query: str, hits: Sequence[Hit], texts: Callable[[Hit], tuple[str, ...]]) -> list[Hit]:
    """`hits` (the engine's order) ordered by `closeness` to `query`, the engine's order breaking ties."""
    query_tokens = tokens(query)  # once, not once per hit
    scored = [(closeness(query_tokens, *texts(hit)), position, hit) for position, hit in enumerate(hits)]
    scored.sort(key=lambda item: (-item[0][0], -item[0][1], item[1]))
    return [hit for _, _, hit in scored]


class RerankedHits(Sequence):
    """The engine's results with their first `WINDOW` hits ordered again, for Django's Paginator."""

    def __init__(self, found, count: int, query: str, texts: Callable):
        self.found = found
        self.total = count
        self.head = rerank(query, list(found[:WINDOW]), texts)

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop = index.start or 0, min(index.stop if index.stop is not None else self.total, self.total)
        taken = self.head[start:stop]
        if stop > len(self.head):
            taken += list(self.found[max(start, len(self.head)) : stop])
        return taken
