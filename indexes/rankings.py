"""Ranks, ties and changes, derived from published indexes in a fixed number of queries.

A rank is never typed in: equal indexes share a rank and the next rank skips (90,02 and 90,02 both
rank 2, the next is 4), which is SQL's RANK(). A change compares an agency with its own previous
result in the same group of agencies, whichever edition that was.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from indexes.models import Agency, ClassificationBand, ComponentScore, IndexEdition, Result


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
        .select_related("decision_document")
        .prefetch_related("components", "bands")
        .first()
    )


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
    current = standings([edition.pk])
    for result in results:
        result.edition = edition  # the prefetched framework, not one query per row
    previous_by_agency, previous_editions = previous_standings(
        edition, agency_ids=[result.agency_id for result in results]
    )
    ranked = []
    for result in results:
        previous = previous_by_agency.get(result.agency_id)
        ranked.append(
            RankedResult(
                result=result,
                standing=current.get((edition.pk, result.agency_id)) or unranked(result),
                previous=previous,
                previous_edition=previous_editions.get(previous.edition_id) if previous else None,
            )
        )
    ranked.sort(key=lambda row: (row.rank == 0, row.rank, row.agency.name))
    return ranked


def previous_standings(
    edition: IndexEdition, *, agency_ids: list[int]
) -> tuple[dict[int, Standing], dict[int, IndexEdition]]:
    """Each agency's latest standing in an earlier published edition of the same group: two queries."""
    earlier = list(
        IndexEdition.objects.published()
        .filter(group=edition.group, year__lt=edition.year)
        .order_by("-year", "-pk")
        .only("pk", "title", "slug", "year")
    )
    if not earlier:
        return {}, {}
    by_key = standings(item.pk for item in earlier)
    previous: dict[int, Standing] = {}
    for earlier_edition in earlier:  # newest first: the first hit is the latest result
        for agency_id in agency_ids:
            if agency_id not in previous and (earlier_edition.pk, agency_id) in by_key:
                previous[agency_id] = by_key[(earlier_edition.pk, agency_id)]
    return previous, {item.pk: item for item in earlier}


def agency_history(agency: Agency) -> list[RankedResult]:
    """The agency's published results, newest first, each ranked in its edition and compared with the last."""
    return agency_histories([agency])[agency.pk]


def agency_histories(agencies) -> dict[int, list[RankedResult]]:
    """`agency_history` of several agencies (a comparison), by agency id, in the same few queries."""
    agency_ids = [agency.pk for agency in agencies]
    results = list(
        Result.objects.published()
        .filter(agency_id__in=agency_ids)
        .select_related("edition", "agency")
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
    histories = {agency_id: [] for agency_id in agency_ids}
    for result in results:
        standing = by_key.get((result.edition_id, result.agency_id)) or unranked(result)
        histories[result.agency_id].append(RankedResult(result=result, standing=standing))
    for rows in histories.values():
        for position, row in enumerate(rows):
            older = next(
                (other for other in rows[position + 1 :] if other.edition.group == row.edition.group), None
            )
            if older is not None:
                row.previous = older.standing
                row.previous_edition = older.edition
    return histories
