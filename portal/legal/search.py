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

from portal.legal import numbers
from portal.legal.models import LegalDocumentPage
from portal.transliteration import words

MAX_TERMS = 12
# Matches beyond this many are not read from the engine: a search for words found in every document
# lists the best thousand, which is more than anyone pages through.
MATCH_LIMIT = 1000


def matching(text: str, documents, *, by_relevance: bool = True):
    """`documents` (a queryset) narrowed to those `text` names; ordered by relevance when asked,
    else in the queryset's own order. An empty `text` leaves them as they are."""
    number = numbers.parse_or_none(text)
    if number is not None:
        exact = documents.filter(number_key=number.key)
        if exact.exists():
            return exact
    terms = words(text)[:MAX_TERMS]
    if not terms:
        return documents
    ids = engine_matches(" ".join(terms), documents)
    found = documents.filter(pk__in=ids)
    if by_relevance and ids:
        position = Case(
            *(When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ids)), output_field=IntegerField()
        )
        found = found.order_by(position, "-issued_on", "-pk")
    return found


def engine_matches(query: str, documents) -> list[int]:
    """The ids of the documents among `documents` that the engine finds for `query`, best first."""
    candidates = LegalDocumentPage.objects.filter(pk__in=documents.order_by().values("pk")).only("pk")
    if not searches_in_the_database():
        # Elasticsearch and OpenSearch filter on plain values only.
        candidates = LegalDocumentPage.objects.filter(
            pk__in=list(documents.order_by().values_list("pk", flat=True))
        ).only("pk")
    # Every word required, with no fallback to any of them: "99 qd ubnd" must not list every QĐ-UBND.
    return [document.pk for document in candidates.search(query, operator="and")[:MATCH_LIMIT]]


def searches_in_the_database() -> bool:
    from wagtail.search.backends import get_search_backend

    return ".database." in type(get_search_backend()).__module__
