"""Matching read from PostgreSQL's full-text index, for Wagtail's database search backend.

The backend joins each article to its index entry and tests `(title || body) @@ query` row by row. For a
word in most articles PostgreSQL's planner then reads the whole index table, decompressing and joining
every entry's two vectors (60-70 ms at 10,000 articles), because its cost model does not price that
work; the GIN index on the same expression (`portal` migration 0003) gives the matching entries in
4 ms. Here the matching entries are a subquery that only that index can answer, and the statements
run with sequential scans discouraged: a category filter's search went from 90 ms to 16.
"""

from collections.abc import Sequence
from contextlib import contextmanager

from django.contrib.postgres.search import SearchVectorField
from django.db import connection, transaction
from django.db.models import CharField, Exists, ExpressionWrapper, F, IntegerField, OuterRef, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.backends import get_search_backend


def in_use() -> bool:
    """Whether searches run on Wagtail's database backend over PostgreSQL, whose GIN index this reads."""
    backend = get_search_backend()
    return ".database." in type(backend).__module__ and connection.vendor == "postgresql"


def _compiler(queryset, query: str, operator: str):
    backend = get_search_backend()
    compiler = backend.query_compiler_class(queryset, query, operator=operator, order_by_relevance=False)
    return compiler, compiler.build_tsquery(compiler.query, config=compiler.get_config(backend))


def _entries(queryset):
    """Wagtail's search index entries (the model its generic relation `index_entries` points to)."""
    return queryset.model._meta.get_field("index_entries").related_model.objects


def _document():
    """What the backend matches and the GIN index of `portal` migration 0003 holds: `title || body`."""
    return CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())


def _matching_entries(queryset, tsquery):
    """The index entries of `queryset`'s model that match, each with its object's key as `_object_pk`."""
    return (
        _entries(queryset)
        .annotate(
            _document=_document(),
            # `+ 0` keeps the planner off the content type's own index, which would have it test every
            # article's entry row by row instead of reading the GIN index (its row count is estimated from
            # the statistics of `portal` migration 0006).
            _kind=ExpressionWrapper(F("content_type_id") + Value(0), output_field=IntegerField()),
            # The object's key read back from the entry's text (only kept entries': every one of these
            # content types has an integer key).
            _object_pk=Cast("object_id", IntegerField()),
        )
        .filter(_document=tsquery, _kind__in=get_descendants_content_types_pks(queryset.model))
    )


def matching(queryset, query: str, operator: str, *, most_match: bool = False):
    """`queryset` narrowed to the objects whose index entry has the words (`operator` "and": all of them;
    "or": any), with the tsquery the backend itself would build, unranked and in the queryset's order.

    With `most_match` (a word in thousands of articles), each object is tested against its own entry in
    the queryset's order instead: a page of the newest is then found after a few tests, where reading
    every match from the index first costs 10 ms at 10,000 articles.
    """
    _, tsquery = _compiler(queryset, query, operator)
    if most_match:
        own_entry = (
            _entries(queryset)
            .annotate(_document=_document())
            .filter(
                content_type_id__in=get_descendants_content_types_pks(queryset.model),
                object_id=Cast(OuterRef("pk"), CharField(max_length=50)),
                _document=tsquery,
            )
        )
        return queryset.filter(Exists(own_entry))
    return queryset.filter(pk__in=_matching_entries(queryset, tsquery).values("_object_pk"))


class RankedMatches(Sequence):
    """The objects of `queryset` that match, best first by the backend's own score (`ts_rank` of the
    title, weighted by its length, plus that of the body), read a slice at a time.

    One difference: the body is scored by how often it holds each word, even when every word is
    required. Scoring how close all the words stand (what `ts_rank` does for "every word") costs, in a
    body of a few hundred words, 15 µs per article with eight words (20 ms for 1,243 matches at
    10,000 articles); the title, short, is still scored that way, and the first hits are then
    reordered by the phrase in title and lead (`portal.search.ranking`).

    The backend scores through its join of every object to its entry, testing each entry's vectors a
    second time; here the entries found in the GIN index are scored directly, and only the slice's
    objects are read (40 ms → 13 for 1,209 matches at 10,000 articles).
    """

    def __init__(self, queryset, query: str, operator: str, count: int):
        compiler, tsquery = _compiler(queryset, query, operator)
        config = compiler.get_config(get_search_backend())
        score = compiler.build_tsrank(F("title"), compiler.query, config=config) * F("title_norm")
        any_word, _ = _compiler(queryset, query, "or")
        score = score + any_word.build_tsrank(F("body"), any_word.query, config=config)
        self.queryset = queryset
        self.count = count
        self.entries = (
            _matching_entries(queryset, tsquery)
            .filter(_object_pk__in=queryset.order_by().values("pk"))
            .annotate(_score=score)
            .order_by("-_score", "-_object_pk")
            .values_list("_object_pk", flat=True)
        )

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1][0]
        keys = list(self.entries[index])
        by_key = self.queryset.model.objects.in_bulk(keys)
        return [by_key[key] for key in keys if key in by_key]


@contextmanager
def planned_for_search():
    """Statements inside are planned for a search, for this transaction only: index scans where they
    can (`enable_seqscan`: the GIN index over a sequential read of every entry, whatever the planner
    guesses), and in this process alone (`max_parallel_workers_per_gather`: starting workers costs a
    search more than it saves, with the other requests of the server wanting the same cores)."""
    nested = connection.in_atomic_block
    with transaction.atomic():
        with connection.cursor() as cursor:  # one statement sets both, and reads what they were
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), current_setting('max_parallel_workers_per_gather'),"
                " set_config('enable_seqscan', 'off', true),"
                " set_config('max_parallel_workers_per_gather', '0', true)"
            )
            seqscan, workers, *_ = cursor.fetchone()
        yield
        if nested:  # the outer transaction goes on: leave its planner as it was
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('enable_seqscan', %s, true),"
                    " set_config('max_parallel_workers_per_gather', %s, true)",
                    [seqscan, workers],
                )
