"""Synthetic reform-index figures for load tests: more agencies, earlier editions, service counts.

Builds on the demo figures (`load_demo`): the benchmark's site needs 20 agencies ranked over five
editions, each with component scores and service counts, as a province's portal holds after a few years.
Every agency and figure made here is marked "(giả định)" / synthetic, like the demo's invented ones.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from indexes.demo_content import (
    FRAMEWORK_2021,
    GROUP,
    METHODOLOGY,
    PROVINCE,
    PUBLISHER,
    SYNTHETIC_NOTE,
    SYNTHETIC_SOURCE,
    ensure_edition,
)
from indexes.models import (
    Agency,
    AgencyKind,
    ComponentScore,
    IndexEdition,
    IndexSeries,
    Result,
    ServiceCount,
)


def generate_figures(*, agencies: int = 20, editions: int = 5, seed: int = 2024) -> dict[str, int]:
    """Bring the demo group up to `agencies` agencies and `editions` published editions.

    Editions are added for the years before the earliest one, with a result and component scores for
    every agency of the group; each agency gets a service count for the latest year. Idempotent.
    """
    rng = random.Random(seed)
    with transaction.atomic():
        series = IndexSeries.named(PUBLISHER, GROUP)
        group = list(Agency.objects.filter(results__edition__series=series).distinct().order_by("pk"))
        for number in range(len(group) + 1, agencies + 1):
            group.append(
                Agency.objects.get_or_create(
                    name=f"Sở thử tải số {number} (giả định)",
                    defaults={
                        "kind": AgencyKind.DEPARTMENT,
                        "province": PROVINCE,
                        "description": SYNTHETIC_NOTE,
                    },
                )[0]
            )
        published = IndexEdition.objects.published().filter(series=series)
        year = min(published.values_list("year", flat=True), default=datetime.date.today().year)
        added = 0
        while published.count() < editions:
            year -= 1
            edition, _ = ensure_edition(
                slug=f"chi-so-cchc-{year}",
                framework=FRAMEWORK_2021,
                title=f"Chỉ số cải cách hành chính năm {year} của các sở, ban, ngành (giả định)",
                year=year,
                decision_number=f"Quyết định năm {year + 1} (số hiệu giả định)",
                decision_issuer=PUBLISHER,
                methodology=METHODOLOGY,
            )
            add_results(edition, group, rng)
            edition.save_revision().publish()
            added += 1
        latest = published.order_by("-year").first()
        counts = 0
        for agency in group:
            as_of = datetime.date(latest.year, 12, 31)
            if ServiceCount.objects.filter(agency=agency, as_of=as_of).exists():
                continue
            total = rng.randint(30, 140)
            count = ServiceCount.objects.create(
                agency=agency,
                as_of=as_of,
                period_label=f"Năm {latest.year}",
                total_procedures=total,
                online_procedures=rng.randint(total // 5, total),
                source=SYNTHETIC_SOURCE,
                live=False,
            )
            count.save_revision().publish()
            counts += 1
    return {"agencies": len(group), "editions_added": added, "service_counts_added": counts}


def add_results(edition: IndexEdition, agencies: list[Agency], rng: random.Random) -> None:
    """One result per agency: each component scored between 55 % and 100 % of its maximum."""
    components = list(edition.components.all())
    for agency in agencies:
        scores = [
            (component, (component.maximum * Decimal(rng.randint(55, 100)) / 100).quantize(Decimal("0.01")))
            for component in components
        ]
        points = sum(points for _, points in scores)
        maximum = sum(component.maximum for component in components)
        result = Result.objects.create(
            edition=edition,
            agency=agency,
            points=points,
            index_value=(points * 100 / maximum).quantize(Decimal("0.01")),
        )
        ComponentScore.objects.bulk_create(
            ComponentScore(result=result, component=component, points=points) for component, points in scores
        )
