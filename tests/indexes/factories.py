"""Factories and builders of reform-index figures (agencies, editions, results, service counts, the
section page), and helpers that write real CSV and XLSX files of results.

Two frameworks: the factories' default `FRAMEWORK` (three components, 30 points, so that an index
differs from its total) and the builders' `HUNDRED_POINTS` (two components, 100 points, so that an
index equals its total, which keeps the API tests' figures readable).
"""

import csv
import io
from datetime import date
from decimal import Decimal

import factory
import openpyxl

from indexes.models import (
    Agency,
    AgencyKind,
    ClassificationBand,
    Component,
    ComponentScore,
    IndexEdition,
    IndexesPage,
    IndexSeries,
    Result,
    ServiceCount,
)

GROUP = "Sở, ban, ngành cấp tỉnh"
PUBLISHER = "UBND tỉnh Thử nghiệm"
FRAMEWORK = [
    ("Công tác chỉ đạo, điều hành", Decimal("10")),
    ("Cải cách thể chế", Decimal("6.5")),
    ("Cải cách thủ tục hành chính", Decimal("13.5")),
]
HUNDRED_POINTS = [("Cải cách thể chế", "40"), ("Cải cách thủ tục hành chính", "60")]
BANDS = [("Tốt", "80"), ("Khá", "65"), ("Trung bình", "50"), ("Yếu", "0")]


# Factories ----------------------------------------------------------------------------------------


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Sở Thử nghiệm số {n}")


class IndexSeriesFactory(factory.django.DjangoModelFactory):
    """The series of `PUBLISHER` ranking `GROUP` unless told otherwise (one per publisher and group)."""

    class Meta:
        model = IndexSeries
        django_get_or_create = ("publisher", "group")

    publisher = PUBLISHER
    group = GROUP


class IndexEditionFactory(factory.django.DjangoModelFactory):
    """A published edition with the `FRAMEWORK` components; `components=[…]` gives others (or none),
    `bands=[(name, min_index), …]` gives it classification bands (none by default). `group=` and
    `publisher=` name its series (`PUBLISHER`, `GROUP` by default)."""

    class Meta:
        model = IndexEdition
        skip_postgeneration_save = True

    class Params:
        group = GROUP
        publisher = PUBLISHER

    title = factory.Sequence(lambda n: f"Chỉ số CCHC năm {2015 + n}")
    slug = factory.Sequence(lambda n: f"chi-so-cchc-{2015 + n}")
    year = factory.Sequence(lambda n: 2015 + n)
    series = factory.LazyAttribute(lambda edition: IndexSeries.named(edition.publisher, edition.group))
    live = True

    @factory.post_generation
    def components(self, create, extracted, **kwargs):
        if not create:
            return
        for order, (name, maximum) in enumerate(FRAMEWORK if extracted is None else extracted):
            Component.objects.create(edition=self, name=name, maximum=Decimal(maximum), sort_order=order)

    @factory.post_generation
    def bands(self, create, extracted, **kwargs):
        if not (create and extracted):
            return
        for order, (name, min_index) in enumerate(extracted):
            ClassificationBand.objects.create(
                edition=self, name=name, min_index=Decimal(min_index), sort_order=order
            )


class ResultFactory(factory.django.DjangoModelFactory):
    """A result; `scores={"Cải cách thể chế": "5.5", …}` adds component scores by component name."""

    class Meta:
        model = Result
        skip_postgeneration_save = True

    edition = factory.SubFactory(IndexEditionFactory)
    agency = factory.SubFactory(AgencyFactory)

    @factory.post_generation
    def scores(self, create, extracted, **kwargs):
        if create and extracted:
            for name, points in extracted.items():
                component = self.edition.components.get(name=name)
                ComponentScore.objects.create(result=self, component=component, points=Decimal(points))


class ServiceCountFactory(factory.django.DjangoModelFactory):
    """An agency's published service counts as of a date: 40 of 100 procedures fully online, 15 partly."""

    class Meta:
        model = ServiceCount

    agency = factory.SubFactory(AgencyFactory)
    as_of = date(2023, 12, 31)
    live = True
    total_procedures = 100
    fully_online = 40
    partly_online = 15
    period_label = factory.LazyAttribute(lambda count: f"Năm {count.as_of.year}")


# Builders: a readable call per fact, for tests that set up many figures -----------------------------


def make_edition(
    year: int,
    *,
    slug: str | None = None,
    live: bool = True,
    group: str = GROUP,
    publisher: str = PUBLISHER,
    **fields,
):
    """An edition with `HUNDRED_POINTS` and `BANDS` (override with components=[…], bands=[…]) in the
    series of `publisher` and `group`."""
    return IndexEditionFactory(
        title=fields.pop("title", f"Chỉ số CCHC năm {year}"),
        slug=slug or f"chi-so-cchc-{year}",
        year=year,
        group=group,
        publisher=publisher,
        live=live,
        components=fields.pop("components", HUNDRED_POINTS),
        bands=fields.pop("bands", BANDS),
        **fields,
    )


def make_agency(name: str, *, kind: str = AgencyKind.DEPARTMENT, **fields) -> Agency:
    return AgencyFactory(name=name, kind=kind, **fields)


def add_result(edition: IndexEdition, agency: Agency, index: str | None, *, scores=None, **fields) -> Result:
    """A result whose total equals its index (on `HUNDRED_POINTS`); `scores` by component name."""
    value = None if index is None else Decimal(index)
    return ResultFactory(
        edition=edition,
        agency=agency,
        index_value=value,
        points=fields.pop("points", value),
        scores=scores,
        **fields,
    )


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
    return ServiceCountFactory(agency=agency, as_of=as_of, live=live, **fields)


def make_section(home_page) -> IndexesPage:
    """The published reform-index section under the home page."""
    section = IndexesPage(title="Chỉ số cải cách hành chính", slug="chi-so-cai-cach-hanh-chinh")
    home_page.add_child(instance=section)
    section.save_revision().publish()
    return section


# Files of results, as agencies send them -----------------------------------------------------------


def framework_headers(framework=FRAMEWORK) -> list[str]:
    """The component columns as a decision's table heads them: "Cải cách thể chế (6,5)"."""
    return [f"{name} ({str(maximum).replace('.', ',')})" for name, maximum in framework]


def csv_bytes(rows: list[list[object]], *, delimiter: str = ",", bom: bool = False) -> bytes:
    """A CSV file of `rows`, as Excel's "CSV UTF-8" writes it (with a byte-order mark) when `bom`."""
    text = io.StringIO(newline="")
    csv.writer(text, delimiter=delimiter).writerows(rows)
    return ("\ufeff" if bom else "").encode() + text.getvalue().encode()


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    """An XLSX workbook whose first sheet holds `rows` (numbers stay numbers)."""
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
