"""Ranks, ties and changes, derived from published indexes in a fixed number of queries.

A rank is never typed in: equal indexes share a rank and the next rank skips (90,02 and 90,02 both
rank 2, the next is 4), which is SQL's RANK(). A change compares an agency with its own previous
result in the same series (one publisher ranking one group), whichever edition that was: another
province's ranking of the same kind of agencies is another series, and never compared with.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch

from indexes.models.figures import Agency, ClassificationBand, ComponentScore, IndexEdition, Result


@dataclass(frozen=True)
class Standing:
    """Where an agency stood in one edition: its index and its derived rank out of how many."""

    edition_id: int
    index_value: Decimal | None
    rank: int
    ranked_count: int


@dataclass
class RankedResult:
    """A result with what is derived from it: rank, band, flags and the change on the previous result."""

    result: Result
    standing: Standing
    previous: Standing | None = None
    previous_edition: IndexEdition | None = None
    component_cells: list = field(default_factory=list)  # filled by a view, in framework order

    @property
    def agency(self) -> Agency:
        return self.result.agency

    @property
    def edition(self) -> IndexEdition:
        return self.result.edition

    @property
    def rank(self) -> int:
        return self.standing.rank

    @property
    def ranked_count(self) -> int:
        return self.standing.ranked_count

    @property
    def band(self) -> ClassificationBand | None:
        return self.result.edition.band_for(self.result.index_value)

    @property
    def index_change(self) -> Decimal | None:
        """Index points gained (positive) or lost (negative) since the previous result."""
        if self.previous is None or self.previous.index_value is None or self.result.index_value is None:
            return None
        return self.result.index_value - self.previous.index_value

    @property
    def rank_change(self) -> int | None:
        """Places moved up (positive) or down (negative) since the previous result."""
        if self.previous is None:
            return None
        return self.previous.rank - self.standing.rank

    @property
    def rank_disagrees(self) -> bool:
        published = self.result.published_rank
        return published is not None and published != self.standing.rank

    @property
    def total_disagrees(self) -> bool:
        return self.result.total_disagrees


@dataclass(frozen=True)
class Summary:
    """An edition's mean and median index over its ranked results, as ministries publish beside a ranking."""

    count: int
    mean: Decimal | None
    median: Decimal | None


def summarise(indexes: list[Decimal]) -> Summary:
    """The mean (two decimals, as a derived figure) and the median of these indexes.

    The median of an odd number of indexes is the middle one as published; of an even number, the
    mean of the two middle ones, kept to the decimals they were published with.
    """
    values = sorted(value for value in indexes if value is not None)
    if not values:
        return Summary(0, None, None)
    mean = (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    middle = len(values) // 2
    if len(values) % 2:
        median = values[middle]
    else:
        low, high = values[middle - 1], values[middle]
        places = min(low.normalize().as_tuple().exponent, high.normalize().as_tuple().exponent, -2)
        median = ((low + high) / 2).quantize(Decimal(1).scaleb(places), rounding=ROUND_HALF_UP)
    return Summary(len(values), mean, median)


def edition_summaries(edition_ids) -> dict[int, Summary]:
    """`summarise` for each of these editions, by edition id: one query."""
    by_edition: dict[int, list[Decimal]] = {edition_id: [] for edition_id in edition_ids}
    rows = Result.objects.filter(edition_id__in=list(by_edition), index_value__isnull=False).values_list(
        "edition_id", "index_value"
    )
    for edition_id, index_value in rows.order_by():
        by_edition[edition_id].append(index_value)
    return {edition_id: summarise(values) for edition_id, values in by_edition.items()}


def standings(edition_ids) -> dict[tuple[int, int], Standing]:
    """Every agency's derived rank in the given editions, keyed by (edition id, agency id): one query."""
    rows = (
        Result.objects.filter(edition_id__in=list(edition_ids), index_value__isnull=False)
        .ranked()
        .order_by()
        .values_list("edition_id", "agency_id", "index_value", "rank", "ranked_count")
    )
    return {
        (edition_id, agency_id): Standing(edition_id, index_value, rank, ranked_count)
        for edition_id, agency_id, index_value, rank, ranked_count in rows
    }


def unranked(result: Result) -> Standing:
    """A result published without an index (only components, say) is listed last, unranked."""
    return Standing(result.edition_id, None, 0, 0)


def published_edition(slug: str) -> IndexEdition | None:
    """A published edition with its framework and bands loaded, or None (drafts are never found)."""
    return (
        IndexEdition.objects.published()
        .filter(slug=slug)
        .select_related("decision_document", "series")
        .prefetch_related("components", "bands")
        .first()
    )


def rows_with_standings(results, by_key: dict[tuple[int, int], Standing]) -> list[RankedResult]:
    """Each result with its standing in its edition from `by_key` (see `standings`), unranked if absent."""
    return [
        RankedResult(
            result=result, standing=by_key.get((result.edition_id, result.agency_id)) or unranked(result)
        )
        for result in results
    ]


def attach_previous(rows: list[RankedResult], earlier, by_key: dict[tuple[int, int], Standing]) -> None:
    """Give each row its agency's previous result in the same series: the one place this is decided.

    The previous result is the agency's standing in the newest of the `earlier` published editions of
    the row's series, from an earlier year, in which the agency was ranked; `by_key` holds the standings.
    """
    newest_first = sorted(earlier, key=lambda edition: (-edition.year, -edition.pk))
    for row in rows:
        agency_id, edition = row.result.agency_id, row.edition
        previous_edition = next(
            (
                candidate
                for candidate in newest_first
                if candidate.series_id == edition.series_id
                and candidate.year < edition.year
                and (candidate.pk, agency_id) in by_key
            ),
            None,
        )
        if previous_edition is not None:
            row.previous = by_key[(previous_edition.pk, agency_id)]
            row.previous_edition = previous_edition


def rank_results(results: list[Result]) -> list[RankedResult]:
    """Rank results from any editions in two queries, whatever their number.

    Each result gets its standing in its edition and its change on the agency's previous result in
    the same series (`attach_previous`). The results keep their order.
    """
    if not results:
        return []
    earlier = list(
        IndexEdition.objects.published()
        .filter(
            series_id__in={result.edition.series_id for result in results},
            year__lt=max(result.edition.year for result in results),
        )
        .only("pk", "title", "slug", "year", "series_id")
    )
    by_key = standings({result.edition_id for result in results} | {edition.pk for edition in earlier})
    rows = rows_with_standings(results, by_key)
    attach_previous(rows, earlier, by_key)
    return rows


def edition_ranking(edition: IndexEdition) -> list[RankedResult]:
    """The edition's results in rank order, each with its change on the agency's previous result."""
    results = list(
        edition.results.select_related("agency")
        .prefetch_related(
            Prefetch(
                "component_scores", queryset=ComponentScore.objects.select_related("component").order_by()
            ),
            "corrections",
        )
        .order_by("-index_value", "agency__name")
    )
    for result in results:
        result.edition = edition  # the prefetched framework, not one query per row
    ranked = rank_results(results)
    ranked.sort(key=lambda row: (row.rank == 0, row.rank, row.agency.name))
    return ranked


def agency_history(agency: Agency) -> list[RankedResult]:
    """The agency's published results, newest first, each ranked in its edition and compared with the last."""
    return agency_histories([agency])[agency.pk]


def agency_histories(agencies) -> dict[int, list[RankedResult]]:
    """`agency_history` of several agencies (a comparison), by agency id, in the same few queries."""
    agency_ids = [agency.pk for agency in agencies]
    results = list(
        Result.objects.published()
        .filter(agency_id__in=agency_ids)
        .select_related("edition", "edition__series", "agency")
        .prefetch_related(
            Prefetch("edition__components"),
            Prefetch("edition__bands", queryset=ClassificationBand.objects.all()),
            Prefetch(
                "component_scores", queryset=ComponentScore.objects.select_related("component").order_by()
            ),
            "corrections",
        )
        .order_by("-edition__year", "-edition__pk")
    )
    by_key = standings({result.edition_id for result in results})
    rows = rows_with_standings(results, by_key)
    # An agency's previous result can only be in an edition where it has a result: these, already loaded.
    attach_previous(rows, {result.edition_id: result.edition for result in results}.values(), by_key)
    histories = {agency_id: [] for agency_id in agency_ids}
    for row in rows:
        histories[row.result.agency_id].append(row)
    return histories
