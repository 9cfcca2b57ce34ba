"""Importing an edition's results from CSV and XLSX files: all or nothing, idempotent, one correction per change."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indexes.importers import (
    CREATE,
    UNCHANGED,
    UPDATE,
    ImportFileError,
    create_edition_from_headers,
    import_results,
    parse_number,
    read_sheet,
)
from indexes.models import Agency, ComponentScore, Correction, IndexEdition, Result
from tests.indexes.factories import (
    AgencyFactory,
    IndexEditionFactory,
    ResultFactory,
    csv_bytes,
    framework_headers,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

HEADER = ["STT", "Cơ quan", *framework_headers(), "Tổng điểm", "Chỉ số (%)", "Xếp hạng"]


@pytest.fixture
def edition():
    return IndexEditionFactory(title="Chỉ số CCHC năm 2023", slug="chi-so-cchc-2023", year=2023)


@pytest.fixture
def agencies():
    return {
        "khcn": AgencyFactory(name="Sở Khoa học và Công nghệ", short_name="Sở KH&CN"),
        "tc": AgencyFactory(name="Sở Tài chính"),
        "yt": AgencyFactory(name="Sở Y tế"),
    }


def run(edition, rows, *, kind="csv", **options):
    data = xlsx_bytes(rows) if kind == "xlsx" else csv_bytes(rows, **options.pop("csv", {}))
    return import_results(edition=edition, file=io.BytesIO(data), filename=f"ket-qua.{kind}", **options)


def issues(report) -> set[tuple[int | None, str]]:
    return {(issue.row, issue.column) for issue in report.errors}


def written_rows() -> tuple[int, int, int, int]:
    return (
        Agency.objects.count(),
        Result.objects.count(),
        ComponentScore.objects.count(),
        Correction.objects.count(),
    )


def data_changes(queries) -> list[str]:
    return [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}
    ]


# --- reading ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10,86", Decimal("10.86")),
        ("12.23", Decimal("12.23")),
        (" 75,61 ", Decimal("75.61")),
        ("6", Decimal("6.00")),
        (10.855, Decimal("10.855")),
        ("91,651", Decimal("91.651")),
        (0.1 + 0.2, Decimal("0.3")),  # an XLSX float read as Excel shows it
        (7, Decimal("7.00")),
        ("", None),
        (None, None),
        ("-", None),
    ],
)
def test_numbers_with_a_decimal_comma_or_point(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["mười", "10,5,1", "1.234,5", "N/A", True, "10 điểm"])
def test_what_is_not_a_number(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_read_sheet_finds_the_header_below_a_title_and_numbers_rows_as_the_spreadsheet_does():
    rows = [
        ["KẾT QUẢ CHỈ SỐ CCHC NĂM 2023"],
        [],
        ["Cơ quan", "Tổng điểm"],
        ["Sở Tài chính", "25,5"],
        ["", ""],
        ["Sở Y tế", "20"],
    ]
    sheet = read_sheet(io.BytesIO(csv_bytes(rows)), "bang.csv")

    assert sheet.headers == ["Cơ quan", "Tổng điểm"]
    assert sheet.header_row == 3
    assert [row.number for row in sheet.rows] == [4, 6]
    assert sheet.as_dicts()[0] == {"Cơ quan": "Sở Tài chính", "Tổng điểm": "25,5"}


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("ket-qua.xlsx", bytes(range(256)) * 8, "Tệp không phải bảng tính Excel"),
        ("ket-qua.csv", bytes(range(256)) * 8, "Tệp không phải văn bản CSV"),
        ("ket-qua.txt", b"Co quan,Tong diem\n", ".csv và .xlsx"),
        ("ket-qua.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".csv và .xlsx"),
        ("ket-qua.csv", b"", "Tệp rỗng"),
        (
            "ket-qua.csv",
            "Cơ quan,Tổng điểm\nSở Tài chính,25\n".encode().replace(b"\xc6\xa1", b"\xf5"),
            "không phải văn bản UTF-8",
        ),
        ("ket-qua.csv", xlsx_bytes([["Cơ quan"]]), "là bảng tính Excel, không phải văn bản CSV"),
    ],
)
def test_a_file_that_is_not_a_table_gives_a_clean_error(filename, content, message):
    with pytest.raises(ImportFileError, match=message):
        read_sheet(io.BytesIO(content), filename)


def test_a_damaged_workbook_gives_a_clean_error():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")  # cut short
        archive.writestr("xl/workbook.xml", "not xml")
    truncated = xlsx_bytes([["Cơ quan", "Tổng điểm"], ["Sở Tài chính", 25]])[:300]

    for content in (buffer.getvalue(), truncated):
        with pytest.raises(ImportFileError, match="hoặc đã bị hỏng"):
            read_sheet(io.BytesIO(content), "ket-qua.xlsx")


def test_an_oversized_file_is_refused_before_it_is_parsed():
    with pytest.raises(ImportFileError, match="Tệp lớn hơn 5 MB"):
        read_sheet(io.BytesIO(b"a" * (5 * 1024 * 1024 + 1)), "ket-qua.csv")


# --- importing -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "csv_options", [{}, {"bom": True}, {"delimiter": ";"}, {"delimiter": ";", "bom": True}], ids=str
)
def test_a_csv_file_creates_results_and_component_scores(edition, agencies, csv_options):
    rows = [
        HEADER,
        [1, "Sở Khoa học và Công nghệ", "9,5", "6,5", "12.23", "28,23", "94,10", "1"],
        [2, "Sở Tài chính", "8", "5,25", "10.86", "24,11", "", "2"],
    ]

    report = run(edition, rows, csv=csv_options)

    assert report.ok, report.errors
    assert [(row.row, row.agency, row.action) for row in report.rows] == [
        (2, "Sở Khoa học và Công nghệ", CREATE),
        (3, "Sở Tài chính", CREATE),
    ]
    assert report.ignored_columns == ["STT"]
    assert report.not_in_file == []
    science = Result.objects.get(edition=edition, agency=agencies["khcn"])
    assert (science.points, science.index_value, science.published_rank) == (
        Decimal("28.23"),
        Decimal("94.10"),
        1,
    )
    assert {score.component.name: score.points for score in science.component_scores.all()} == {
        "Công tác chỉ đạo, điều hành": Decimal("9.50"),
        "Cải cách thể chế": Decimal("6.50"),
        "Cải cách thủ tục hành chính": Decimal("12.23"),
    }
    finance = Result.objects.get(edition=edition, agency=agencies["tc"])
    assert finance.index_value == Decimal("80.37")  # derived: 24,11 of 30 points
    assert Correction.objects.count() == 0


def test_an_xlsx_file_with_numeric_cells(edition, agencies):
    rows = [
        ["Cơ quan", *framework_headers(), "Tổng điểm", "Điểm tối đa", "Xếp hạng"],
        ["Sở Y tế", 9.5, 6.499, 12, 27.999, 29, 1.0],
        ["Sở KH&CN", 7, "6,5", None, 13.5, 29, 2],
    ]

    report = run(edition, rows, kind="xlsx")

    assert report.ok, report.errors
    health = Result.objects.get(agency=agencies["yt"])
    assert (health.points, health.applicable_maximum, health.index_value, health.published_rank) == (
        Decimal("27.999"),  # as published, not rounded
        Decimal("29"),
        Decimal("96.55"),  # derived: two decimals, never a third invented
        1,
    )
    science = Result.objects.get(agency=agencies["khcn"])  # matched by its short name
    assert science.component_scores.count() == 2  # an empty component cell is allowed


def test_headers_are_matched_without_regard_to_case_spacing_or_composition(edition, agencies):
    import unicodedata

    header = [
        "  CƠ QUAN ",
        unicodedata.normalize("NFD", "cải cách thể chế(6,5)"),
        "tổng   điểm",
        "Chỉ số(%)",
    ]
    report = run(edition, [header, ["sở  tài CHÍNH", "6", "20", "66,67"]])

    assert report.ok, report.errors
    result = Result.objects.get(agency=agencies["tc"])
    assert result.component_scores.get().points == Decimal("6.00")
    assert result.index_value == Decimal("66.67")


def test_a_table_of_totals_only(edition, agencies):
    report = run(edition, [["Cơ quan", "Tổng điểm"], ["Sở Y tế", "22,5"], ["Sở Tài chính", "30"]])

    assert report.ok, report.errors
    assert Result.objects.get(agency=agencies["yt"]).index_value == Decimal("75.00")
    assert ComponentScore.objects.count() == 0


def test_a_table_of_indexes_only(agencies):
    edition = IndexEditionFactory(components=[])

    report = run(edition, [["Cơ quan", "Chỉ số (%)"], ["Sở Y tế", "75,61"], ["Sở Tài chính", "82.4"]])

    assert report.ok, report.errors
    health = Result.objects.get(agency=agencies["yt"])
    assert (health.points, health.index_value) == (None, Decimal("75.61"))


def test_empty_rows_and_rows_with_only_a_number_are_skipped(edition, agencies):
    rows = [
        ["STT", "Cơ quan", "Tổng điểm"],
        ["", "", ""],
        ["1", "Sở Y tế", "20"],
        ["2", "", ""],
        [],
        ["", "", ""],
    ]

    report = run(edition, rows)

    assert report.ok, report.errors
    assert [row.row for row in report.rows] == [3]


def test_unknown_agencies_are_created_only_when_allowed(edition, agencies):
    rows = [
        ["Cơ quan", "Tổng điểm"],
        ["Sở Xây dựng", "20"],
        ["Sở Y tế", "21"],
        ["Ban Quản lý Khu kinh tế", "19"],
    ]

    refused = run(edition, rows)

    assert [(issue.row, issue.column) for issue in refused.errors] == [(2, "Cơ quan"), (4, "Cơ quan")]
    assert "Sở Xây dựng" in refused.errors[0].message
    assert written_rows() == (3, 0, 0, 0)

    allowed = run(edition, rows, create_agencies=True)

    assert allowed.ok, allowed.errors
    assert allowed.agencies_to_create == ["Sở Xây dựng", "Ban Quản lý Khu kinh tế"]
    assert [row.new_agency for row in allowed.rows] == [True, False, True]
    created = Agency.objects.get(name="Sở Xây dựng")
    assert created.slug == "so-xay-dung"
    assert Result.objects.filter(edition=edition).count() == 3


def test_every_problem_is_listed_with_its_row_and_column_and_nothing_is_written(edition, agencies):
    ResultFactory(edition=edition, agency=agencies["yt"], points=Decimal("20"))
    before = written_rows()
    rows = [
        HEADER,
        [1, "Sở Khoa học và Công nghệ", "mười", "6,5", "12", "28,5", "95", "1"],  # text in a number cell
        [2, "Sở Tài chính", "8", "7", "10", "25", "83,33", "2"],  # 7 above the component's 6,5
        [3, "Sở Y tế", "8", "5", "10", "31", "", "3"],  # a total above the maximum of 30
        [4, "Sở Tài chính", "8", "5", "10", "23", "", "4"],  # the agency again
        [5, "Sở Không Có", "8", "5", "10", "23", "", "5"],  # an unknown agency
        [6, "Sở Khoa học và Công nghệ", "-1", "5", "10", "14", "101", "0"],  # negative, index, rank
        [7, "", "8", "5", "10", "23", "", "7"],  # figures without an agency
        [8, "Sở KH&CN", "", "", "", "", "", ""],  # no figures
    ]

    report = run(edition, rows, create_agencies=False)

    assert not report.ok
    assert [(issue.row, issue.column) for issue in report.errors] == [
        (2, "Công tác chỉ đạo, điều hành (10)"),
        (3, "Cải cách thể chế (6,5)"),
        (4, "Tổng điểm"),
        (5, "Cơ quan"),
        (6, "Cơ quan"),
        (7, "Công tác chỉ đạo, điều hành (10)"),
        (7, "Chỉ số (%)"),
        (7, "Xếp hạng"),
        (7, "Cơ quan"),
        (8, "Cơ quan"),
        (9, "Cơ quan"),
        (9, "Cơ quan"),
    ]
    messages = [issue.message for issue in report.errors]
    assert "“mười” không phải là số." in messages[0]
    assert "6,5" in messages[1]
    assert "31" in messages[2] and "30" in messages[2]
    assert "dòng 3" in messages[3]
    assert "Sở Không Có" in messages[4]
    assert messages[-2:] == [
        "Dòng không có tổng điểm, chỉ số hay điểm thành phần nào.",
        "Cơ quan này đã có ở dòng 2.",
    ]
    assert all(issue.message for issue in report.errors)
    assert str(report.errors[0]) == "Dòng 2, cột Công tác chỉ đạo, điều hành (10): “mười” không phải là số."
    assert report.rows == [] and report.agencies_to_create == []
    assert written_rows() == before
    assert Result.objects.get(agency=agencies["yt"]).points == Decimal("20.00")


def test_a_new_agency_is_not_created_when_another_row_is_wrong(edition, agencies):
    rows = [["Cơ quan", "Tổng điểm"], ["Sở Xây dựng", "20"], ["Sở Y tế", "hai mươi"]]

    report = run(edition, rows, create_agencies=True)

    assert issues(report) == {(3, "Tổng điểm")}
    assert not Agency.objects.filter(name="Sở Xây dựng").exists()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["Tên", "Tổng điểm"], {(1, "Cơ quan")}),
        (["Cơ quan", "Điểm tối đa"], {(1, "Tổng điểm"), (2, "Cơ quan")}),  # and a row without figures
        (["Cơ quan", "Tổng điểm", "Cải cách tài chính công (10)"], {(1, "Cải cách tài chính công (10)")}),
        (["Cơ quan", "Tổng điểm", "Cải cách thể chế (7)"], {(1, "Cải cách thể chế (7)")}),
        (["Cơ quan", "Tổng điểm", "Tổng điểm"], {(1, "Tổng điểm")}),
    ],
)
def test_header_problems(edition, agencies, header, expected):
    report = run(edition, [header, ["Sở Y tế", "20", "5"][: len(header)]])

    assert issues(report) == expected
    assert Result.objects.count() == 0


def test_component_columns_need_an_edition_with_components(agencies):
    edition = IndexEditionFactory(components=[])

    report = run(edition, [["Cơ quan", "Cải cách thể chế (6,5)", "Tổng điểm"], ["Sở Y tế", "5", "80"]])

    # The total cannot become an index either: the edition has no full score and the file gives none.
    assert issues(report) == {(1, "Cải cách thể chế (6,5)"), (2, "Tổng điểm")}


def test_an_unquoted_decimal_comma_in_a_comma_separated_file(edition, agencies):
    data = "Cơ quan,Tổng điểm\nSở Y tế,20,5\n".encode()

    report = import_results(edition=edition, file=io.BytesIO(data), filename="a.csv")

    assert issues(report) == {(2, "")}
    assert "ngoặc kép" in report.errors[0].message


def test_a_broken_file_is_reported_not_raised(edition):
    report = import_results(edition=edition, file=io.BytesIO(b"\x00\x01garbage"), filename="a.xlsx")

    assert not report.ok
    assert report.errors[0].row is None
    assert "bảng tính Excel" in str(report.errors[0])


# --- updating, idempotence and corrections ------------------------------------------------------------


def test_importing_the_same_file_twice_changes_nothing(edition, agencies):
    rows = [
        HEADER,
        [1, "Sở KH&CN", "9,5", "6,5", "12.23", "28,23", "94,10", "1"],
        [2, "Sở Tài chính", "8", "", "10.86", "24,11", "", "2"],
    ]
    first = run(edition, rows, kind="xlsx", create_agencies=True)
    assert first.ok, first.errors
    stored = list(Result.objects.order_by("pk").values())
    scores = list(ComponentScore.objects.order_by("pk").values())

    with CaptureQueriesContext(connection) as queries:
        second = run(edition, rows, kind="xlsx", create_agencies=True)

    assert second.ok
    assert [row.action for row in second.rows] == [UNCHANGED, UNCHANGED]
    assert data_changes(queries) == []
    assert list(Result.objects.order_by("pk").values()) == stored
    assert list(ComponentScore.objects.order_by("pk").values()) == scores
    assert Correction.objects.count() == 0


def test_a_changed_result_of_a_published_edition_is_corrected_once(edition, agencies):
    result = ResultFactory(
        edition=edition,
        agency=agencies["tc"],
        points=Decimal("24.11"),
        index_value=Decimal("80.37"),
        scores={
            "Công tác chỉ đạo, điều hành": "8",
            "Cải cách thể chế": "5.25",
            "Cải cách thủ tục hành chính": "10.86",
        },
    )
    ResultFactory(
        edition=edition, agency=agencies["yt"], points=Decimal("20"), scores={"Cải cách thể chế": "4"}
    )
    assert edition.live and Correction.objects.count() == 0
    rows = [
        ["Cơ quan", *framework_headers(), "Tổng điểm"],
        ["Sở Tài chính", "8", "6", "10,86", "24,86"],  # one score and the total corrected
        ["Sở Y tế", "", "4", "", "20"],  # as stored
    ]

    report = run(edition, rows)

    assert report.ok, report.errors
    assert [row.action for row in report.rows] == [UPDATE, UNCHANGED]
    assert [(change.column, change.before, change.after) for change in report.rows[0].changes] == [
        ("Tổng điểm", Decimal("24.11"), Decimal("24.86")),
        ("Chỉ số (%)", Decimal("80.37"), Decimal("82.87")),
        ("Cải cách thể chế", Decimal("5.25"), Decimal("6.00")),
    ]
    correction = Correction.objects.get()
    assert correction.result == result
    assert correction.changes == {
        "points": {"from": "24.11", "to": "24.86"},
        "index_value": {"from": "80.37", "to": "82.87"},
        "Cải cách thể chế": {"from": "5.25", "to": "6"},
    }

    again = run(edition, rows)

    assert [row.action for row in again.rows] == [UNCHANGED, UNCHANGED]
    assert Correction.objects.count() == 1


def test_a_change_to_scores_alone_is_one_correction_and_an_empty_cell_removes_a_score(edition, agencies):
    ResultFactory(
        edition=edition, agency=agencies["yt"], points=Decimal("20"), scores={"Cải cách thể chế": "4"}
    )

    header = ["Cơ quan", "Cải cách thể chế (6,5)", "Công tác chỉ đạo, điều hành (10)", "Tổng điểm"]
    report = run(edition, [header, ["Sở Y tế", "", "9", "20,00"]])

    assert report.ok, report.errors
    assert Correction.objects.get().changes == {
        "Cải cách thể chế": {"from": "4", "to": None},
        "Công tác chỉ đạo, điều hành": {"from": None, "to": "9"},
    }
    assert Result.objects.get().points == Decimal("20.00")


def test_a_column_left_out_leaves_its_figure_alone(edition, agencies):
    ResultFactory(edition=edition, agency=agencies["yt"], points=Decimal("20"), published_rank=3)

    report = run(edition, [["Cơ quan", "Chỉ số (%)"], ["Sở Y tế", "70"]])

    assert report.ok, report.errors
    result = Result.objects.get()
    assert (result.points, result.index_value, result.published_rank) == (
        Decimal("20.00"),
        Decimal("70.00"),
        3,
    )


def test_a_lower_applicable_maximum_is_checked_against_the_stored_total(edition, agencies):
    ResultFactory(edition=edition, agency=agencies["yt"], points=Decimal("25"))

    report = run(edition, [["Cơ quan", "Điểm tối đa", "Chỉ số (%)"], ["Sở Y tế", "24", "90"]])

    assert issues(report) == {(2, "Điểm tối đa")}
    assert "25" in report.errors[0].message


def test_updates_in_a_draft_edition_record_no_correction(agencies):
    draft = IndexEditionFactory(live=False)
    ResultFactory(edition=draft, agency=agencies["yt"], points=Decimal("20"))

    report = run(draft, [["Cơ quan", "Tổng điểm"], ["Sở Y tế", "21"]])

    assert [row.action for row in report.rows] == [UPDATE]
    assert Result.objects.get().points == Decimal("21.00")
    assert Correction.objects.count() == 0


def test_results_not_in_the_file_are_left_alone(edition, agencies):
    ResultFactory(edition=edition, agency=agencies["khcn"], points=Decimal("25"))

    report = run(edition, [["Cơ quan", "Tổng điểm"], ["Sở Y tế", "21"]])

    assert report.not_in_file == ["Sở Khoa học và Công nghệ"]
    assert Result.objects.get(agency=agencies["khcn"]).points == Decimal("25.00")


def test_a_dry_run_reports_the_same_and_writes_nothing(edition, agencies):
    ResultFactory(edition=edition, agency=agencies["yt"], points=Decimal("20"))
    rows = [["Cơ quan", "Tổng điểm"], ["Sở Y tế", "21"], ["Sở Xây dựng", "22"]]

    with CaptureQueriesContext(connection) as queries:
        trial = run(edition, rows, create_agencies=True, dry_run=True)

    assert data_changes(queries) == []
    assert trial.ok and trial.dry_run and not trial.applied
    assert "chạy thử (chưa ghi gì)" in trial.summary()
    assert Result.objects.get().points == Decimal("20.00")
    assert not Agency.objects.filter(name="Sở Xây dựng").exists()

    real = run(edition, rows, create_agencies=True)

    assert real.applied
    assert real.rows == trial.rows
    assert real.agencies_to_create == trial.agencies_to_create == ["Sở Xây dựng"]


# --- a new edition -----------------------------------------------------------------------------------------


def test_create_edition_from_headers_makes_a_draft_with_the_components_in_order():
    headers = ["STT", "Cơ quan", "Cải cách thể chế (6,5)", "Công tác chỉ đạo, điều hành (10)", "Tổng điểm"]

    edition = create_edition_from_headers(
        slug="chi-so-2024",
        title="Chỉ số CCHC năm 2024",
        year=2024,
        group="Sở, ban, ngành cấp tỉnh",
        headers=headers,
    )

    edition = IndexEdition.objects.get(pk=edition.pk)
    assert not edition.live
    assert edition.latest_revision is not None
    assert [(c.name, c.maximum) for c in edition.components.all()] == [
        ("Cải cách thể chế", Decimal("6.50")),
        ("Công tác chỉ đạo, điều hành", Decimal("10.00")),
    ]
