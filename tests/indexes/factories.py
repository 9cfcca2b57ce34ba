"""Factories for the reform-index figures, and helpers that write real CSV and XLSX files of results."""

import csv
import io
from decimal import Decimal

import factory
import openpyxl

from indexes.models import Agency, Component, ComponentScore, IndexEdition, Result

# A small framework of three components, 30 points in all, so that an index differs from its total.
FRAMEWORK = [
    ("Công tác chỉ đạo, điều hành", Decimal("10")),
    ("Cải cách thể chế", Decimal("6.5")),
    ("Cải cách thủ tục hành chính", Decimal("13.5")),
]


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Sở Thử nghiệm số {n}")


class IndexEditionFactory(factory.django.DjangoModelFactory):
    """A published edition with the `FRAMEWORK` components; `components=[…]` gives others (or none)."""

    class Meta:
        model = IndexEdition
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Chỉ số CCHC năm {2015 + n}")
    slug = factory.Sequence(lambda n: f"chi-so-cchc-{2015 + n}")
    year = factory.Sequence(lambda n: 2015 + n)
    group = "Sở, ban, ngành cấp tỉnh"
    live = True

    @factory.post_generation
    def components(self, create, extracted, **kwargs):
        if not create:
            return
        for order, (name, maximum) in enumerate(FRAMEWORK if extracted is None else extracted):
            Component.objects.create(edition=self, name=name, maximum=Decimal(maximum), sort_order=order)


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
