"""Small builders of reform-index figures for the API tests: editions, agencies, results, service counts."""

from datetime import date
from decimal import Decimal

from indexes.models import (
    Agency,
    AgencyKind,
    ClassificationBand,
    Component,
    ComponentScore,
    IndexEdition,
    IndexesPage,
    Result,
    ServiceCount,
)

GROUP = "Sở, ban, ngành cấp tỉnh"
# Two components, 100 points in all, so that an index equals its total.
FRAMEWORK = [("Cải cách thể chế", "40"), ("Cải cách thủ tục hành chính", "60")]
BANDS = [("Tốt", "80"), ("Khá", "65"), ("Trung bình", "50"), ("Yếu", "0")]


def make_edition(year: int, *, slug: str | None = None, live: bool = True, group: str = GROUP, **fields):
    """An edition with `FRAMEWORK` and `BANDS` (override with components=[…], bands=[…])."""
    components = fields.pop("components", FRAMEWORK)
    bands = fields.pop("bands", BANDS)
    edition = IndexEdition.objects.create(
        title=fields.pop("title", f"Chỉ số CCHC năm {year}"),
        slug=slug or f"chi-so-cchc-{year}",
        year=year,
        group=group,
        live=live,
        **fields,
    )
    for order, (name, maximum) in enumerate(components):
        Component.objects.create(edition=edition, name=name, maximum=Decimal(maximum), sort_order=order)
    for order, (name, min_index) in enumerate(bands):
        ClassificationBand.objects.create(
            edition=edition, name=name, min_index=Decimal(min_index), sort_order=order
        )
    return edition


def make_agency(name: str, *, kind: str = AgencyKind.DEPARTMENT, **fields) -> Agency:
    return Agency.objects.create(name=name, kind=kind, **fields)


def add_result(edition: IndexEdition, agency: Agency, index: str | None, *, scores=None, **fields) -> Result:
    """A result whose total equals its index (the framework is 100 points); `scores` by component name."""
    value = None if index is None else Decimal(index)
    result = Result.objects.create(
        edition=edition, agency=agency, index_value=value, points=fields.pop("points", value), **fields
    )
    for name, points in (scores or {}).items():
        ComponentScore.objects.create(
            result=result, component=edition.components.get(name=name), points=Decimal(points)
        )
    return result


def ranking(edition: IndexEdition, indexes: list[str], *, prefix: str = "Sở", kind=AgencyKind.DEPARTMENT):
    """Results with these indexes for agencies named "<prefix> 1", "<prefix> 2", … (made when missing)."""
    results = []
    for number, index in enumerate(indexes, start=1):
        agency = Agency.objects.filter(name=f"{prefix} {number}").first() or make_agency(
            f"{prefix} {number}", kind=kind
        )
        results.append(add_result(edition, agency, index))
    return results


def make_service_count(agency: Agency, as_of: date, *, live: bool = True, **fields) -> ServiceCount:
    defaults = {
        "total_procedures": 100,
        "fully_online": 40,
        "partly_online": 15,
        "period_label": f"Năm {as_of.year}",
    }
    return ServiceCount.objects.create(agency=agency, as_of=as_of, live=live, **{**defaults, **fields})


def make_section(home_page) -> IndexesPage:
    """The published reform-index section under the home page."""
    section = IndexesPage(title="Chỉ số cải cách hành chính", slug="chi-so-cai-cach-hanh-chinh")
    home_page.add_child(instance=section)
    section.save_revision().publish()
    return section
