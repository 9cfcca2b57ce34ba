"""Score cards: an agency's latest published index, rank, band, change and online services, in brief.

The home page shows the portal's own agency's card and an article shows one for each agency it names
("Cơ quan liên quan"); each card links to the agency's page and to the edition it quotes. Cards for any
number of agencies cost the same four or five queries.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from indexes.models.figures import Agency, ClassificationBand, Result, ServiceCount
from indexes.models.pages import IndexesPage
from indexes.rankings import RankedResult, attach_previous, rows_with_standings, standings


@dataclass
class ScoreCard:
    """What a card shows of one agency; `row` or `services` may be missing, never both."""

    agency: Agency
    row: RankedResult | None
    services: ServiceCount | None
    agency_url: str | None
    edition_url: str | None


def score_cards(agencies, *, section: IndexesPage | None = None) -> list[ScoreCard]:
    """A card for each agency with published figures, in the order given; the others are left out.

    Four queries whatever the number of agencies (results with their editions' bands, the standings,
    service counts), and one more to find the reform-index section when `section` is not given.
    """
    agencies = list(agencies)
    if not agencies:
        return []
    ids = [agency.pk for agency in agencies]
    # Every published result of these agencies, newest first: the latest is each agency's card, and
    # the one before it, when there is one, is its previous result (as on the agency's page).
    results = list(
        Result.objects.published()
        .filter(agency_id__in=ids, index_value__isnull=False)
        .select_related("edition", "agency")
        .prefetch_related(Prefetch("edition__bands", queryset=ClassificationBand.objects.all()))
        .order_by("-edition__year", "-edition__pk")
    )
    by_key = standings({result.edition_id for result in results}) if results else {}
    history = rows_with_standings(results, by_key)
    attach_previous(history, {result.edition_id: result.edition for result in results}.values(), by_key)
    rows: dict[int, RankedResult] = {}
    for row in history:
        rows.setdefault(row.result.agency_id, row)
    services: dict[int, ServiceCount] = {}
    for count in ServiceCount.objects.published().filter(agency_id__in=ids).order_by("-as_of"):
        services.setdefault(count.agency_id, count)
    if section is None and (rows or services):
        section = IndexesPage.objects.live().first()
    cards = []
    for agency in agencies:
        row, count = rows.get(agency.pk), services.get(agency.pk)
        if row is None and count is None:
            continue
        cards.append(
            ScoreCard(
                agency=agency,
                row=row,
                services=count,
                agency_url=section.agency_url(agency) if section else None,
                edition_url=section.edition_url(row.edition) if section and row else None,
            )
        )
    return cards
