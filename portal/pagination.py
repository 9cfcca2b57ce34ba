"""Pages of a long list, newest first, that cost about the same on page 1 and on page 10,000.

Django's `Paginator` counts the whole list on every page and reaches page N with `OFFSET (N-1)×size`,
which walks every row before it: at 100,000 articles page 9,990 of the news took 0.5 s and each page
paid 50 ms for the count. `KeptPaginator` keeps, per list generation (every publish that may change
which pages a list holds replaces it; an edit of an article's text does not,
`portal.caching.generation.list_generation`):

- the count of each list (keyed by its SQL), read once after such a publish;
- *anchors*: the sort key of every `ANCHOR_EVERY_PAGES`-th page's first row, found the first time a
  page that deep is asked for. A deep page then starts from the anchor before it (a range on the
  date's index) and skips at most `ANCHOR_EVERY_PAGES` pages of rows.

So addresses stay `?page=N` (links, canonical addresses and bookmarks keep working) and every page is
a bounded walk. Lists sorted other than by a date and the primary key, both descending, are paged
with `OFFSET` as before (their count is still kept).
"""

import contextlib
import hashlib

from django.core.paginator import Page, Paginator
from django.utils.functional import SimpleLazyObject, cached_property

from portal.caching.generation import CACHE_ERRORS, list_generation
from portal.caching.local import kept_cache

ANCHOR_EVERY_PAGES = 50
KEPT_SECONDS = 60 * 60


class KeptPaginator(Paginator):
    """A paginator over a QuerySet ordered by `("-<date>", "-pk")`, with its count and anchors kept.

    `rows(ids)` turns a page's ids (kept per list generation, `page_ids`) into what the page shows
    (one query, with whatever the listing prefetches); by default the list's own rows. A page's rows
    are made (the QuerySet built, then read) only when something reads them: not when the template's
    fragment is kept.

    `key` names the list among those of a generation when the caller has a cheaper name for it than
    its SQL (compiling a list with annotations costs a millisecond or more); `object_list` may then be
    a `SimpleLazyObject`, built only when the count or a page's rows are read.

    `stamp` names a field kept with each page's ids (`KeptPage.entries`), as it was when the list was
    read: a caller that keeps something per row and stamp finds it without reading the rows.
    """

    def __init__(
        self, object_list, per_page, *, rows=None, key: str | None = None, stamp: str | None = None, **kwargs
    ):
        super().__init__(object_list, per_page, **kwargs)
        self.rows = rows or (lambda ids: self.object_list.model._default_manager.filter(pk__in=ids))
        self.stamp = stamp
        if key is None:
            sql, params = object_list.values("pk").query.sql_with_params()
            key = f"{sql}|{params!r}"
        self.key = hashlib.sha256(key.encode()).hexdigest()[:32]
        self.generation = list_generation()

    def _check_object_list_is_ordered(self):
        """Skipped: Django's warning would build a lazy list; every list given here is ordered."""

    @cached_property
    def count(self) -> int:
        key = f"list:count:{self.generation}:{self.key}"
        count = _get(key)
        if count is None:
            count = self.object_list.count()
            _set(key, count)
        return count

    @cached_property
    def seek_field(self) -> str | None:
        """The date the list is sorted by, newest first, then by id; None for any other order."""
        order = tuple(self.object_list.query.order_by)
        if (
            len(order) == 2
            and order[1] in ("-pk", "-id")
            and isinstance(order[0], str)
            and order[0].startswith("-")
        ):
            return order[0][1:]
        return None

    def page(self, number) -> "KeptPage":
        number = self.validate_number(number)
        return self._get_page(SimpleLazyObject(lambda: self.page_rows(number)), number, self)

    def top(self) -> "KeptPage":
        """The first page without counting the list (no page number to check): a list's newest few,
        as a home page shows them."""
        return self._get_page(SimpleLazyObject(lambda: self.page_rows(1)), 1, self)

    def _get_page(self, *args, **kwargs) -> "KeptPage":
        return KeptPage(*args, **kwargs)

    def page_rows(self, number: int):
        """The rows of page `number`, in the list's order."""
        return self.rows(self.page_ids(number)).order_by(*self.object_list.query.order_by)

    def page_ids(self, number: int) -> list:
        """The ids of page `number`'s rows in the list's order, kept per list generation like the count:
        after an article's edit the page's rows are read by id (0.6 ms less than sorting the list again
        at 10,000 articles), and a page's first view reads its ids, then its rows (two queries)."""
        return [pk for pk, _stamp in self.page_entries(number)]

    def page_entries(self, number: int) -> list[tuple]:
        """Page `number`'s rows as (id, stamp) pairs, kept with its ids: the stamp is the value of the
        field named `stamp` (None without one) as the list was read, which lets a caller find what it
        keeps of each row without reading the rows (`news_tags.article_cards`)."""
        key = f"list:entries:{self.generation}:{self.key}:{number}"
        entries = _get(key)
        if entries is None:
            bottom = (number - 1) * self.per_page
            rows = self.object_list.values_list("pk", self.stamp or "pk")
            span = ANCHOR_EVERY_PAGES * self.per_page
            if self.seek_field and bottom >= span:
                rows, bottom = self.from_anchor(rows, bottom // span), bottom % span
            entries = [
                (pk, stamp if self.stamp else None) for pk, stamp in rows[bottom : bottom + self.per_page]
            ]
            _set(key, entries)
        return entries

    def from_anchor(self, rows, number: int):
        """The list from its `number`-th anchor on (the row at `number × span`, included)."""
        date, pk = self.anchors(number)[number - 1]
        field = self.seek_field
        return rows.filter(**{f"{field}__lte": date}).exclude(**{field: date, "pk__gt": pk})

    def anchors(self, needed: int) -> list[tuple]:
        """The first `needed` anchors (at least), extending the kept ones with a single query."""
        key = f"list:anchors:{self.generation}:{self.key}"
        anchors = _get(key) or []
        if len(anchors) >= needed:
            return anchors
        span = ANCHOR_EVERY_PAGES * self.per_page
        keys = self.object_list.values_list(self.seek_field, "pk")
        if anchors:  # walk on from the last one known (itself first)
            date, pk = anchors[-1]
            field = self.seek_field
            keys = keys.filter(**{f"{field}__lte": date}).exclude(**{field: date, "pk__gt": pk})
            walked = list(keys[: (needed - len(anchors)) * span + 1])
            anchors = anchors + walked[span::span]
        else:
            walked = list(keys[: needed * span + 1])
            anchors = walked[span::span]
        _set(key, anchors)
        return anchors


class KeptPage(Page):
    """A page of a `KeptPaginator`: its rows (`object_list`, read when first used) and their kept
    (id, stamp) pairs (`entries`), which tell what the page holds without reading it."""

    @cached_property
    def entries(self) -> list[tuple]:
        return self.paginator.page_entries(self.number)

    def rows(self, ids) -> list:
        """Some of the page's rows, by id, as the paginator reads them (`rows`)."""
        return list(self.paginator.rows(ids))


def _get(key):
    try:
        return kept_cache().get(key)
    except CACHE_ERRORS:
        return None


def _set(key, value) -> None:
    with contextlib.suppress(CACHE_ERRORS):
        kept_cache().set(key, value, KEPT_SECONDS)
