"""Finding documents by their number, however it is typed, or by words of their abstract and text.

- A whole number ("57/QD-UBND", "57 / QĐ - UBND", "số 57/qđ-ubnd") finds the documents with that
  number: a database look-up of its key (`portal.legal.numbers`), no search engine involved.
- Anything else ("qd 57 2024", "chi so cai cach") is folded into words and searched on the configured
  engine, every word required, over the documents' folded number, year, form, issuer, field, abstract
  and full text (`LegalDocumentPage.search_fields`). A number not in the library therefore finds
  nothing rather than every document sharing its symbol.

The engine only says which documents match and how well; the documents are then read from the
database, so the library's filters, its status and its orders apply to search results as to lists.
Callers wrap this in the search's engine guard: an engine that fails is theirs to report.
"""

from django.db.models import Case, IntegerField, Value, When
from wagtail.search.backends import get_search_backend

from portal.legal import numbers
from portal.legal.models import LegalDocumentPage
from portal.transliteration import words

MAX_TERMS = 12
# Matches beyond this many are not read from the engine: a search for words found in every document
# lists the best thousand, which is more than anyone pages through.
MATCH_LIMIT = 1000
# Matches beyond this many are listed newest first rather than ranked (see `engine_matches`).
RANK_LIMIT = 20


def matching_ids(text: str, documents) -> list[int] | None:
    """The ids of the documents among `documents` that `text` names, best first (at most
    `MATCH_LIMIT`); None when `text` has no words, so it narrows nothing."""
    number = numbers.parse_or_none(text)
    if number is not None:
        exact = list(documents.filter(number_key=number.key).values_list("pk", flat=True)[:MATCH_LIMIT])
        if exact:
            return exact
    terms = words(text)[:MAX_TERMS]
    if not terms:
        return None
    return engine_matches(" ".join(terms), documents)


def matching(text: str, documents, *, by_relevance: bool = True):
    """`documents` (a queryset) narrowed to those `text` names; ordered by relevance when asked,
    else in the queryset's own order. An empty `text` leaves them as they are."""
    ids = matching_ids(text, documents)
    if ids is None:
        return documents
    found = documents.filter(pk__in=ids)
    if by_relevance and ids:
        position = Case(
            *(When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ids)), output_field=IntegerField()
        )
        found = found.order_by(position, "-issued_on", "-pk")
    return found


def engine_matches(query: str, documents) -> list[int]:
    """The ids of the documents among `documents` that the engine finds for `query`, best first."""
    # In the database the library's filters stay a subquery the planner joins; Elasticsearch and
    # OpenSearch filter on plain values only.
    among = documents.order_by().values("pk")
    if not searches_in_the_database():
        among = list(among.values_list("pk", flat=True))
    candidates = LegalDocumentPage.objects.filter(pk__in=among).only("pk")
    # Every word required, with no fallback to any of them: "99 qd ubnd" must not list every QĐ-UBND.
    # One unranked pass finds the matches, newest first (one look-up of the words). Ranking costs the
    # database backends a look-up of the words per match (on SQLite, words found in every article
    # ranked 740 documents in 17 s at 10,000 articles), so only up to `RANK_LIMIT` matches are ranked;
    # more are listed newest first, as the library lists them.
    newest = candidates.order_by("-issued_on").search(query, operator="and", order_by_relevance=False)
    ids = [document.pk for document in newest[:MATCH_LIMIT]]
    if len(ids) > RANK_LIMIT:
        return ids
    ranked = LegalDocumentPage.objects.filter(pk__in=ids).only("pk").search(query, operator="and")
    return [document.pk for document in ranked]


def searches_in_the_database() -> bool:
    return ".database." in type(get_search_backend()).__module__
