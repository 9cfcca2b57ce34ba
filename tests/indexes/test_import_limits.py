"""Imports that scale and cannot be abused: 2,000 rows in under 5 s; files measured before they are read."""

import io
import time
import zipfile
from decimal import Decimal

import pytest
from django_tasks_db.models import DBTaskResult

from indexes.importers import ImportFileError, import_results, read_sheet
from indexes.models import Agency, Correction, Result
from indexes.tasks import index_agencies
from tests.indexes.factories import FRAMEWORK, csv_bytes, framework_headers, make_edition, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ["STT", "Cơ quan", *framework_headers(), "Tổng điểm", "Điểm tối đa", "Xếp hạng"]


def results_rows(count: int, *, shift: int = 0) -> list[list[object]]:
    """A header and `count` agencies' rows, each with three component scores (three decimals)."""
    rows = [HEADER]
    for number in range(1, count + 1):
        third = Decimal((number + shift) % 1300) / 100
        scores = [Decimal("9.5"), Decimal("6.125"), third]
        rows.append(
            [number, f"Xã thử tải số {number:04d}", *map(float, scores), float(sum(scores)), 30, None]
        )
    return rows


def timed_import(edition, data: bytes, filename: str):
    started = time.perf_counter()
    report = import_results(edition=edition, file=io.BytesIO(data), filename=filename, create_agencies=True)
    return report, time.perf_counter() - started


def test_an_xlsx_of_2000_rows_imports_in_under_five_seconds_and_again_with_changes(
    indexes_page, django_capture_on_commit_callbacks
):
    edition = make_edition(2024, slug="chi-so-2024", components=FRAMEWORK)

    with django_capture_on_commit_callbacks(execute=True):
        report, first = timed_import(edition, xlsx_bytes(results_rows(2000)), "ket-qua.xlsx")

    assert report.ok, report.errors[:3]
    assert first < 5, f"2,000 new rows took {first:.1f} s"
    assert Result.objects.filter(edition=edition).count() == 2000
    assert Agency.objects.count() == 2000
    last = Result.objects.get(agency__name="Xã thử tải số 2000")
    assert (last.points, last.index_value) == (Decimal("22.625"), Decimal("75.42"))
    assert not Agency.objects.search("xa thu tai so 1999")  # until the worker has added them
    queued = DBTaskResult.objects.get(task_path=index_agencies.module_path)  # the worker's queue
    index_agencies.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])  # as the worker runs it
    assert Agency.objects.search("xa thu tai so 1999").count() >= 1

    report, changed = timed_import(edition, xlsx_bytes(results_rows(2000, shift=1)), "ket-qua.xlsx")

    assert report.ok and len(report.updated) == 2000
    assert changed < 5, f"2,000 changed rows took {changed:.1f} s"
    assert Correction.objects.count() == 2000  # one correction per changed result of a live edition
    assert Correction.objects.get(result=last).changes == {
        "Cải cách thủ tục hành chính": {"from": "7", "to": "7.01"},
        "index_value": {"from": "75.42", "to": "75.45"},
        "points": {"from": "22.625", "to": "22.635"},
    }


def test_one_row_more_than_2000_is_refused_with_a_message(indexes_page):
    edition = make_edition(2024, slug="chi-so-2024", components=FRAMEWORK)

    report = import_results(
        edition=edition,
        file=io.BytesIO(csv_bytes(results_rows(2001))),
        filename="a.csv",
        create_agencies=True,
    )

    assert [issue.message for issue in report.errors] == [
        "Tệp có hơn 2000 dòng; mỗi lần chỉ nhập tối đa 2000 cơ quan."
    ]
    assert not Result.objects.exists() and not Agency.objects.exists()


def workbook(sheet_xml_rows, *, dimension: str | None = None) -> bytes:
    """A minimal XLSX whose first sheet's rows come from an iterable of XML chunks, streamed into the zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
            'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main">'
            )
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            for chunk in sheet_xml_rows:
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


ROW = b'<row><c t="inlineStr"><is><t>S\xe1\xbb\x9f Y t\xe1\xba\xbf</t></is></c><c><v>91.651</v></c></row>'


def test_a_small_workbook_that_unpacks_to_3_000_000_rows_is_refused_before_it_is_read():
    bomb = workbook(ROW * 10_000 for _ in range(300))  # 3,000,000 rows

    assert len(bomb) < 1_000_000  # under a megabyte on the wire, as in the issue (877 KB)
    started = time.perf_counter()
    with pytest.raises(ImportFileError, match="khi giải nén lớn hơn 50 MB"):
        read_sheet(io.BytesIO(bomb), "ket-qua.xlsx")
    assert time.perf_counter() - started < 1


def test_a_workbook_declaring_more_rows_than_allowed_is_refused_before_its_rows_are_read():
    declared = workbook([ROW * 10], dimension="A1:B3000000")

    with pytest.raises(ImportFileError, match="Tệp có hơn 2000 dòng"):
        read_sheet(io.BytesIO(declared), "ket-qua.xlsx")


def test_a_workbook_declaring_fewer_rows_than_it_holds_loses_none_of_them(indexes_page):
    rows = b"".join(
        f'<row><c t="inlineStr"><is><t>{name}</t></is></c><c><v>{value}</v></c></row>'.encode()
        for name, value in [("Cơ quan", None), ("Sở Y tế", "91.651"), ("Sở Tài chính", "88.375")]
    ).replace(b"<c><v>None</v></c>", '<c t="inlineStr"><is><t>Chỉ số (%)</t></is></c>'.encode())

    sheet = read_sheet(io.BytesIO(workbook([rows], dimension="A1:B2")), "ket-qua.xlsx")

    assert [row.cells for row in sheet.rows] == [["Sở Y tế", 91.651], ["Sở Tài chính", 88.375]]


def test_a_workbook_whose_rows_outnumber_what_it_declares_stops_being_read_at_the_limit():
    understated = workbook([ROW * 50_000], dimension="A1:B2")  # 50,000 rows, a few megabytes unpacked

    started = time.perf_counter()
    with pytest.raises(ImportFileError, match="Tệp có hơn 2000 dòng"):
        read_sheet(io.BytesIO(understated), "ket-qua.xlsx")
    assert time.perf_counter() - started < 2  # 4,021 rows streamed, not 50,000


def test_a_csv_with_too_many_lines_is_refused_before_it_is_parsed():
    data = b"Co quan;Tong diem\n" + b"So Y te;91,651\n" * 300_000

    started = time.perf_counter()
    with pytest.raises(ImportFileError, match="Tệp có hơn 2000 dòng"):
        read_sheet(io.BytesIO(data), "ket-qua.csv")
    assert time.perf_counter() - started < 1
