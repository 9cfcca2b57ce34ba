"""Figures as published: three decimals everywhere, an edition's full score never 0, series kept apart,
and each edition's mean and median index."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from indexes.importers import import_results
from indexes.models import Agency, IndexEdition, IndexSeries, Result
from indexes.rankings import edition_ranking
from tests.indexes.factories import add_result, make_agency, make_edition

pytestmark = pytest.mark.django_db

BASE = "/chi-so-cai-cach-hanh-chinh/"
FILES = Path(__file__).parent / "files"
THREE_DECIMALS = FILES / "ket-qua-ba-chu-so-thap-phan.csv"
FRAMEWORK = [("Cải cách thể chế", "6.5"), ("Cải cách thủ tục hành chính", "93.5")]


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def import_file(edition, path: Path, **options):
    with path.open("rb") as file:
        return import_results(edition=edition, file=file, filename=path.name, **options)


@pytest.fixture
def edition_2024(indexes_page):
    return make_edition(2024, slug="chi-so-2024", components=FRAMEWORK)


# --- three decimals ------------------------------------------------------------------------------------


def test_a_three_decimal_table_is_kept_as_published_on_the_page_downloads_and_api(client, edition_2024):
    report = import_file(edition_2024, THREE_DECIMALS, create_agencies=True)

    assert report.ok, report.errors
    health = Result.objects.get(agency__name="Sở Y tế")
    assert (health.points, health.index_value) == (Decimal("91.651"), Decimal("91.651"))
    assert health.component_scores.get(component__name="Cải cách thủ tục hành chính").points == Decimal(
        "85.151"
    )

    page = client.get(f"{BASE}chi-so-2024/").content.decode()
    assert "91,651" in page and "85,151" in page and "5,875" in page
    assert "91,65 " not in page and "91,65<" not in page  # never rounded for display

    rows = csv_rows(client.get(f"{BASE}chi-so-2024/tai-ve/xep-hang/csv/"))
    header, first = rows[0], rows[1]
    assert first[header.index("Chỉ số (%)")] == "91.651"
    assert first[header.index("Tổng điểm")] == "91.651"

    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(f"{BASE}chi-so-2024/tai-ve/xep-hang/xlsx/").content)
    )
    sheet = workbook.active
    titles = [cell.value for cell in sheet[1]]
    assert sheet.cell(row=2, column=titles.index("Chỉ số (%)") + 1).value == 91.651

    download = json.loads(client.get(f"{BASE}chi-so-2024/tai-ve/xep-hang/json/").content)
    assert download["rows"][0]["index"] == 91.651

    api = client.get("/api/v1/editions/chi-so-2024").json()
    assert [result["index"] for result in api["results"]] == [91.651, 91.398, 88.375]
    assert api["results"][2]["components"][0]["points"] == 5.875


def test_a_fourth_decimal_is_refused_with_its_row_and_column_and_nothing_is_written(edition_2024):
    data = THREE_DECIMALS.read_text(encoding="utf-8-sig").replace("91,398;91,398", "91,3985;91,398")

    report = import_results(
        edition=edition_2024, file=io.BytesIO(data.encode()), filename="a.csv", create_agencies=True
    )

    assert [(issue.row, issue.column) for issue in report.errors] == [(4, "Tổng điểm")]
    assert "“91,3985” có nhiều hơn 3 chữ số thập phân" in report.errors[0].message
    assert not Result.objects.exists() and not Agency.objects.exists()


def test_a_derived_index_keeps_two_decimals_and_invents_no_third(edition_2024):
    agency = make_agency("Sở Xây dựng")
    result = Result.objects.create(edition=edition_2024, agency=agency, points=Decimal("68.321"))

    assert result.index_value == Decimal("68.32")  # 68,321 of 100, rounded as a derived figure


# --- the framework's full score ----------------------------------------------------------------------------


def test_an_edition_created_by_an_import_without_components_takes_its_full_score_from_the_file(
    client, indexes_page, tmp_path
):
    path = tmp_path / "ket-qua.csv"
    path.write_text(
        "Cơ quan;Tổng điểm;Điểm tối đa\nSở Y tế;91,651;100\nSở Tài chính;68,32;84\n", encoding="utf-8"
    )

    call_command(
        "import_results",
        str(path),
        *("--edition", "chi-so-2025", "--title", "Chỉ số CCHC năm 2025", "--year", "2025"),
        *("--create-agencies", "--publish"),
        stdout=io.StringIO(),
    )

    edition = IndexEdition.objects.get(slug="chi-so-2025")
    assert not edition.components.exists()
    assert edition.maximum == Decimal("100")
    page = client.get(f"{BASE}chi-so-2025/").content.decode()
    assert "<dt>Điểm tối đa</dt><dd>100</dd>" in page
    assert "<dd>0</dd>" not in page
    assert client.get("/api/v1/editions/chi-so-2025").json()["maximum"] == 100
    partial = Result.objects.get(agency__name="Sở Tài chính")
    assert partial.index_value == Decimal("81.33")


def test_an_edition_without_components_or_full_score_refuses_totals_it_cannot_turn_into_indexes(indexes_page):
    edition = make_edition(2025, slug="chi-so-2025", components=[])

    report = import_results(
        edition=edition,
        file=io.BytesIO("Cơ quan;Tổng điểm\nSở Y tế;91,651\n".encode()),
        filename="a.csv",
        create_agencies=True,
    )

    assert [(issue.row, issue.column) for issue in report.errors] == [(2, "Tổng điểm")]
    assert "Không tính được chỉ số" in report.errors[0].message
    assert edition.maximum is None  # shown as "–", never 0


def test_the_editor_gives_the_full_score_of_an_edition_without_components(indexes_page):
    edition = make_edition(2025, slug="chi-so-2025", components=[], framework_maximum=Decimal("100"))

    report = import_results(
        edition=edition,
        file=io.BytesIO("Cơ quan;Tổng điểm\nSở Y tế;91,651\n".encode()),
        filename="a.csv",
        create_agencies=True,
    )

    assert report.ok, report.errors
    assert Result.objects.get().index_value == Decimal("91.65")
    assert IndexEdition.objects.get(pk=edition.pk).maximum == Decimal("100")


# --- series ------------------------------------------------------------------------------------------------


@pytest.fixture
def two_provinces(indexes_page):
    """Two provinces rank their departments under the same group name; one agency name is in both."""
    health = make_agency("Sở Y tế")
    other = make_agency("Sở Tài chính")
    quang_tri_2021 = make_edition(2021, slug="quang-tri-2021", publisher="UBND tỉnh Quảng Trị")
    add_result(quang_tri_2021, health, "80")
    add_result(quang_tri_2021, other, "90")
    other_2022 = make_edition(2022, slug="tinh-khac-2022", publisher="UBND một tỉnh khác")
    add_result(other_2022, health, "95")
    add_result(other_2022, other, "70")
    quang_tri_2023 = make_edition(2023, slug="quang-tri-2023", publisher="UBND tỉnh Quảng Trị")
    add_result(quang_tri_2023, health, "85")
    add_result(quang_tri_2023, other, "84")
    return quang_tri_2021, other_2022, quang_tri_2023


def test_two_series_with_the_same_group_are_never_compared(client, two_provinces):
    quang_tri_2021, other_2022, quang_tri_2023 = two_provinces
    assert quang_tri_2021.series == quang_tri_2023.series != other_2022.series
    assert quang_tri_2021.series.group == other_2022.series.group

    newer = {row.agency.name: row for row in edition_ranking(quang_tri_2023)}
    assert newer["Sở Y tế"].previous_edition == quang_tri_2021  # not the other province's 2022
    assert (newer["Sở Y tế"].index_change, newer["Sở Y tế"].rank_change) == (Decimal("5"), 1)
    assert quang_tri_2023.previous() == quang_tri_2021
    other_rows = edition_ranking(other_2022)
    assert all(row.previous is None for row in other_rows)  # its own series has no earlier edition

    page = client.get(f"{BASE}quang-tri-2023/").content.decode()
    assert 'href="/chi-so-cai-cach-hanh-chinh/quang-tri-2021/"' in page
    assert "tinh-khac-2022" not in page
    assert "UBND tỉnh Quảng Trị" in page

    results = client.get("/api/v1/results", {"series": quang_tri_2021.series.slug}).json()["results"]
    assert {result["edition"]["slug"] for result in results} == {"quang-tri-2021", "quang-tri-2023"}
    health_2023 = next(
        r for r in results if r["edition"]["slug"] == "quang-tri-2023" and r["agency"]["name"] == "Sở Y tế"
    )
    assert health_2023["previous_edition"] == "quang-tri-2021"
    editions = client.get("/api/v1/editions", {"series": other_2022.series.slug}).json()["results"]
    assert [edition["slug"] for edition in editions] == ["tinh-khac-2022"]
    assert editions[0]["series"] == {
        "slug": other_2022.series.slug,
        "publisher": "UBND một tỉnh khác",
        "group": "Sở, ban, ngành cấp tỉnh",
    }


def test_the_overview_lists_each_series_on_its_own(client, two_provinces):
    page = client.get(BASE).content.decode()
    quang_tri = page.index("UBND tỉnh Quảng Trị — Sở, ban, ngành cấp tỉnh")
    other = page.index("UBND một tỉnh khác — Sở, ban, ngành cấp tỉnh")
    # The other province's list holds its own edition only, before Quảng Trị's heading (by publisher).
    assert other < page.index("tinh-khac-2022") < quang_tri < page.index("quang-tri-2023")


def test_the_agency_history_compares_within_each_series(client, two_provinces):
    history = client.get("/api/v1/agencies/" + Agency.objects.get(name="Sở Y tế").slug).json()["history"]
    assert [(row["edition"]["slug"], row["previous_edition"]) for row in history] == [
        ("quang-tri-2023", "quang-tri-2021"),
        ("tinh-khac-2022", None),
        ("quang-tri-2021", None),
    ]
    rows = csv_rows(
        client.get(f"{BASE}co-quan/{Agency.objects.get(name='Sở Y tế').slug}/tai-ve/qua-cac-nam/csv/")
    )
    assert rows[2][rows[0].index("Chuỗi xếp hạng")] == "UBND một tỉnh khác — Sở, ban, ngành cấp tỉnh"


def test_the_search_names_each_scores_series(client, two_provinces):
    found = client.get("/api/v1/search", {"q": "Sở Y tế 2022"}).json()["scores"]["results"]
    assert [(score["edition"], score["series"]) for score in found] == [
        ("tinh-khac-2022", "UBND một tỉnh khác — Sở, ban, ngành cấp tỉnh")
    ]


@pytest.mark.django_db(transaction=True)
def test_existing_editions_get_a_series_from_their_publisher_and_group():
    """The data migration (0007) on editions made before series: one series per (issuer, group)."""
    before = [("indexes", "0006_series_and_three_decimals")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("indexes", "IndexEdition")
    for slug, year, issuer, group in [
        ("a-2022", 2022, "UBND tỉnh Quảng Trị", "Sở, ban, ngành cấp tỉnh"),
        ("a-2023", 2023, "UBND tỉnh Quảng Trị", "Sở, ban, ngành cấp tỉnh"),
        ("b-2023", 2023, "UBND một tỉnh khác", "Sở, ban, ngành cấp tỉnh"),
        ("c-2023", 2023, "", "UBND cấp huyện"),
    ]:
        old.objects.create(title=slug, slug=slug, year=year, decision_issuer=issuer, group=group, live=True)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    series = {edition.slug: str(edition.series) for edition in IndexEdition.objects.select_related("series")}
    assert series == {
        "a-2022": "UBND tỉnh Quảng Trị — Sở, ban, ngành cấp tỉnh",
        "a-2023": "UBND tỉnh Quảng Trị — Sở, ban, ngành cấp tỉnh",
        "b-2023": "UBND một tỉnh khác — Sở, ban, ngành cấp tỉnh",
        "c-2023": "Chưa rõ cơ quan công bố — UBND cấp huyện",
    }
    assert IndexSeries.objects.count() == 3


# --- mean and median ------------------------------------------------------------------------------------


def test_each_edition_shows_its_mean_and_median_on_the_page_api_and_downloads(client, edition_2024):
    import_file(edition_2024, THREE_DECIMALS, create_agencies=True)

    page = client.get(f"{BASE}chi-so-2024/").content.decode()
    assert "<dt>Chỉ số trung bình</dt><dd>90,47 %</dd>" in page
    assert "<dt>Chỉ số trung vị</dt><dd>91,398 %</dd>" in page

    api = client.get("/api/v1/editions/chi-so-2024").json()
    assert (api["mean_index"], api["median_index"]) == (90.47, 91.398)
    listed = client.get("/api/v1/editions").json()["results"][0]
    assert (listed["mean_index"], listed["median_index"]) == (90.47, 91.398)

    rows = csv_rows(client.get(f"{BASE}chi-so-2024/tai-ve/thong-ke/csv/"))
    figures = dict(zip(rows[0], rows[1], strict=True))
    assert figures["Chỉ số trung bình (%)"] == "90.47"
    assert figures["Chỉ số trung vị (%)"] == "91.398"
    assert figures["Số cơ quan xếp hạng"] == "3"
    assert figures["Cơ quan công bố"] == IndexSeries.objects.get().publisher


def test_the_median_of_an_even_number_is_the_mean_of_the_middle_two(client, indexes_page):
    edition = make_edition(2024, slug="chi-so-2024")
    for number, index in enumerate(["70", "80.5", "90.25", "95"], start=1):
        add_result(edition, make_agency(f"Sở {number}"), index)

    api = client.get("/api/v1/editions/chi-so-2024").json()

    assert (api["mean_index"], api["median_index"]) == (83.94, 85.38)  # 335,75 / 4; (80,5 + 90,25) / 2
