"""Online services, verifiable: the list of procedures behind an agency's count, imported like results."""

import csv
import io
from datetime import date, datetime
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from indexes.importers.procedures import import_procedures
from indexes.models import Procedure, ProcedureList
from tests.indexes.factories import make_agency, make_service_count

pytestmark = pytest.mark.django_db

BASE = "/chi-so-cai-cach-hanh-chinh/"
SAMPLE = Path(__file__).parents[2] / "indexes" / "samples" / "thu-tuc-mau.csv"
AS_OF = date(2024, 6, 30)


@pytest.fixture
def justice(indexes_page):
    return make_agency("Sở Tư pháp")


def run(agency, data: bytes, *, filename="thu-tuc.csv", publish=True):
    return import_procedures(
        agency=agency, file=io.BytesIO(data), filename=filename, as_of=AS_OF, publish=publish
    )


def at(day: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(f"{day}T10:00"))


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_published_list_gives_the_count_and_a_filterable_downloadable_table(client, justice):
    make_service_count(justice, date(2023, 12, 31), total_procedures=55, online_procedures=19)

    report = run(justice, SAMPLE.read_bytes())

    assert report.ok, report.messages()
    page = client.get(f"{BASE}co-quan/{justice.slug}/")
    text = page.content.decode()
    assert "7/10 (70 %)" in text  # 3 fully and 4 partly online of the 10 listed
    assert "đếm từ danh sách 10 thủ tục công bố dưới đây (tính đến ngày 30/06/2024)" in text
    assert "Cấp Phiếu lý lịch tư pháp cho cơ quan, tổ chức đề nghị" in text
    # The typed count stays, labelled as typed.
    assert "19/55" in text and "Số liệu nhập theo báo cáo của cơ quan" in text

    fully = client.get(f"{BASE}co-quan/{justice.slug}/", {"muc-do": "toan-trinh"}).content.decode()
    assert fully.count("GD-STP-0") == 3
    lawyers = client.get(f"{BASE}co-quan/{justice.slug}/", {"linh-vuc": "luat-su"}).content.decode()
    assert "GD-STP-03" in lawyers and "GD-STP-04" in lawyers and "GD-STP-01" not in lawyers

    rows = csv_rows(client.get(f"{BASE}co-quan/{justice.slug}/tai-ve/thu-tuc/csv/", {"linh-vuc": "luat-su"}))
    assert rows[0] == [
        "Mã thủ tục",
        "Thủ tục",
        "Lĩnh vực",
        "Mức độ trực tuyến",
        "Đường dẫn trên Cổng Dịch vụ công",
    ]
    assert [row[0] for row in rows[1:]] == ["GD-STP-03", "GD-STP-04"]
    assert rows[1][3] == "Một phần"

    bad = client.get(f"{BASE}co-quan/{justice.slug}/", {"muc-do": "muc-5"})
    assert bad.status_code == 400
    assert "“muc-5” không phải giá trị hợp lệ của “muc-do”." in bad.content.decode()

    api = client.get(f"/api/v1/agencies/{justice.slug}").json()["procedure_list"]
    assert (api["total_procedures"], api["fully_online"], api["partly_online"], api["online_share"]) == (
        10,
        3,
        4,
        70.0,
    )
    assert api["procedures"][0]["portal_url"] == "https://dichvucong.gov.vn/"


def test_a_draft_list_is_on_no_page_and_the_typed_count_is_labelled(client, justice):
    make_service_count(justice, date(2023, 12, 31), total_procedures=55, online_procedures=19)

    report = run(justice, SAMPLE.read_bytes(), publish=False)

    assert report.ok
    assert not ProcedureList.objects.get().live
    text = client.get(f"{BASE}co-quan/{justice.slug}/").content.decode()
    assert "GD-STP-01" not in text
    assert "Số liệu nhập theo báo cáo của cơ quan, không đếm từ danh sách thủ tục." in text
    assert client.get(f"/api/v1/agencies/{justice.slug}").json()["procedure_list"] is None


def test_an_agency_with_only_a_procedure_list_has_a_public_page(client, justice):
    run(justice, SAMPLE.read_bytes())

    assert client.get(f"{BASE}co-quan/{justice.slug}/").status_code == 200
    assert justice.slug in client.get(f"{BASE}co-quan/").content.decode()


def test_every_bad_row_is_listed_and_nothing_is_written(justice):
    data = (
        "Mã thủ tục;Tên thủ tục;Lĩnh vực;Mức độ;Đường dẫn\n"
        "A-1;Cấp giấy phép thử nghiệm;Thử nghiệm;Toàn trình;\n"
        "A-1;Cấp lại giấy phép thử nghiệm;Thử nghiệm;Một phần;\n"
        "A-3;;Thử nghiệm;Mức độ 9;javascript:alert(1)\n"
    ).encode()

    report = run(justice, data)

    assert report.messages() == [
        "Dòng 3, cột Mã thủ tục: Mã này đã có ở dòng 2.",
        "Dòng 4, cột Tên thủ tục: Ô này đang trống.",
        "Dòng 4, cột Mức độ: “Mức độ 9” không phải là mức độ; hãy ghi Toàn trình, Một phần hoặc để trống.",
        "Dòng 4, cột Đường dẫn: Không phải địa chỉ web (http:// hoặc https://).",
    ]
    assert not ProcedureList.objects.exists() and not Procedure.objects.exists()


def test_a_new_file_replaces_the_list(justice):
    run(justice, SAMPLE.read_bytes())
    shorter = "Mã thủ tục;Tên thủ tục;Mức độ\nB-1;Thủ tục còn lại;Mức độ 4\n".encode()

    report = run(justice, shorter)

    assert report.ok and report.removed == 10
    assert ProcedureList.objects.get().counts().online == 1
    assert list(Procedure.objects.values_list("code", "level")) == [("B-1", "toan-trinh")]


def test_the_command_imports_and_lists_every_problem(justice, tmp_path):
    out = io.StringIO()
    call_command(
        "import_procedures",
        str(SAMPLE),
        "--agency",
        justice.slug,
        "--as-of",
        "2024-06-30",
        "--publish",
        stdout=out,
    )
    assert "Sở Tư pháp: 10 thủ tục (3 trực tuyến toàn trình, 4 trực tuyến một phần)." in out.getvalue()
    assert ProcedureList.objects.get().live

    bad = tmp_path / "thu-tuc.csv"
    bad.write_text("Tên thủ tục\nThủ tục không mã\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"Dòng 1, cột Mã thủ tục: Thiếu cột này\."):
        call_command("import_procedures", str(bad), "--agency", justice.slug, "--as-of", "2024-06-30")


def test_the_agency_page_as_of_a_day_shows_the_list_then_published(client, justice):
    """Published on 01/07/2024 (10 procedures), replaced on 01/09/2024 by a list of one: each `?ngay=`
    view shows the list of its day, and before the first publication the typed count alone."""
    make_service_count(justice, date(2023, 12, 31), total_procedures=55, online_procedures=19)
    run(justice, SAMPLE.read_bytes())
    run(justice, "Mã thủ tục;Tên thủ tục;Mức độ\nB-1;Thủ tục còn lại;Mức độ 4\n".encode(), publish=False)
    procedure_list = ProcedureList.objects.get()
    assert procedure_list.live  # a published list replaced by an import stays published
    ProcedureList.objects.update(first_published_at=at("2024-07-01"))
    first, second = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ProcedureList),
        object_id=str(procedure_list.pk),
        action="wagtail.publish",
    ).order_by("pk")
    ModelLogEntry.objects.filter(pk=first.pk).update(timestamp=at("2024-07-01"))
    ModelLogEntry.objects.filter(pk=second.pk).update(timestamp=at("2024-09-01"))
    page = f"{BASE}co-quan/{justice.slug}/"

    before = client.get(page, {"ngay": "2024-06-15"}).content.decode()
    assert "GD-STP-01" not in before and "B-1" not in before
    assert "19/55" in before and "Số liệu nhập theo báo cáo của cơ quan" in before
    between = client.get(page, {"ngay": "2024-08-01"}).content.decode()
    assert "7/10 (70 %)" in between and "GD-STP-01" in between and "B-1" not in between
    assert "Số liệu tại ngày 01/08/2024." in between
    rows = csv_rows(client.get(f"{page}tai-ve/thu-tuc/csv/", {"ngay": "2024-08-01", "muc-do": "toan-trinh"}))
    assert [row[0] for row in rows[1:]] == ["GD-STP-01", "GD-STP-02", "GD-STP-07"]
    now = client.get(page).content.decode()
    assert "1/1 (100 %)" in now and "B-1" in now and "GD-STP-01" not in now


def test_a_published_list_is_an_event_in_the_feeds(client, justice):
    run(justice, SAMPLE.read_bytes())
    ProcedureList.objects.update(last_published_at=at("2024-07-01"))

    for path in ["thay-doi/atom/", f"co-quan/{justice.slug}/thay-doi/atom/"]:
        feed = client.get(BASE + path).content.decode()
        assert "<title>Danh sách thủ tục của Sở Tư pháp, tính đến ngày 30/06/2024</title>" in feed, path
        assert "7 trên 10 thủ tục trực tuyến." in feed
        assert "<updated>2024-07-01T" in feed
