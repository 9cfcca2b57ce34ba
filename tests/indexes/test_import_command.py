"""`manage.py import_results`: exit codes, every bad row listed, a draft edition made from the header row."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Revision

from indexes.importers import ImportIssue
from indexes.management.commands.import_results import Command
from indexes.models import Agency, ComponentScore, IndexEdition, Result
from tests.indexes.factories import (
    AgencyFactory,
    IndexEditionFactory,
    csv_bytes,
    framework_headers,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

ROWS = [
    ["STT", "Cơ quan", *framework_headers(), "Tổng điểm", "Xếp hạng"],
    [1, "Sở Y tế", 9.5, 6.5, 12.23, 28.23, 1],
    [2, "Sở Tài chính", 8, 5.25, 10.86, 24.11, 2],
]


@pytest.fixture
def agencies():
    return [AgencyFactory(name="Sở Y tế"), AgencyFactory(name="Sở Tài chính")]


def write(tmp_path, rows, name="ket-qua.xlsx") -> str:
    path = tmp_path / name
    path.write_bytes(xlsx_bytes(rows) if name.endswith(".xlsx") else csv_bytes(rows))
    return str(path)


def import_results(*args) -> str:
    out = io.StringIO()
    call_command("import_results", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_successful_import_prints_a_summary(tmp_path, agencies):
    edition = IndexEditionFactory(slug="chi-so-2023")

    output = import_results(write(tmp_path, ROWS), "--edition", "chi-so-2023")

    assert ": tạo mới 2 kết quả" in output
    assert "Các cột bỏ qua: STT." in output
    assert Result.objects.filter(edition=edition).count() == 2

    again = import_results(write(tmp_path, ROWS), "--edition", "chi-so-2023")

    assert ": tạo mới 0 kết quả, cập nhật 0, không đổi 2" in again


def test_every_bad_row_is_listed_and_the_command_fails(tmp_path, agencies):
    IndexEditionFactory(slug="chi-so-2023")
    rows = [ROWS[0], [1, "Sở Y tế", "chín", 6.5, 12, 28, 1], [2, "Sở Xây dựng", 8, 9, 10, 27, 2]]

    with pytest.raises(CommandError) as raised:
        import_results(write(tmp_path, rows, "ket-qua.csv"), "--edition", "chi-so-2023")

    message = str(raised.value)
    assert raised.value.returncode == 1
    assert "Tệp có 3 lỗi; chưa nhập dữ liệu nào." in message
    for issue in [
        ImportIssue(2, "Công tác chỉ đạo, điều hành (10)", "“chín” không phải là số."),
        ImportIssue(3, "Cải cách thể chế (6,5)", "9 cao hơn điểm tối đa 6,5 của lĩnh vực."),
    ]:
        assert str(issue) in message
    assert "Dòng 3, cột Cơ quan: Chưa có cơ quan “Sở Xây dựng”" in message
    assert Result.objects.count() == 0


def test_the_exit_code_is_not_zero_on_errors(tmp_path, agencies, monkeypatch, capsys):
    IndexEditionFactory(slug="chi-so-2023")
    path = write(tmp_path, [["Cơ quan", "Tổng điểm"], ["Sở Không Có", "20"]], "ket-qua.csv")
    # run_from_argv closes the connections when it ends, which would end the test's transaction.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)

    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["manage.py", "import_results", path, "--edition", "chi-so-2023"])

    assert exited.value.code == 1
    assert "Dòng 2, cột Cơ quan" in capsys.readouterr().err


def test_a_missing_edition_needs_a_title_and_a_year(tmp_path, agencies):
    with pytest.raises(CommandError, match="--title và --year"):
        import_results(write(tmp_path, ROWS), "--edition", "chi-so-2024", "--title", "Chỉ số CCHC năm 2024")

    assert not IndexEdition.objects.exists()


def test_a_missing_edition_is_created_as_a_draft_from_the_header_row(tmp_path, agencies):
    output = import_results(
        write(tmp_path, ROWS), "--edition", "chi-so-2024", "--title", "Chỉ số CCHC năm 2024", "--year", "2024"
    )

    edition = IndexEdition.objects.get(slug="chi-so-2024")
    assert (edition.title, edition.year, edition.group) == (
        "Chỉ số CCHC năm 2024",
        2024,
        "Sở, ban, ngành cấp tỉnh",
    )
    assert not edition.live
    assert edition.latest_revision is not None
    assert [(c.name, c.maximum) for c in edition.components.all()] == [
        ("Công tác chỉ đạo, điều hành", Decimal("10.00")),
        ("Cải cách thể chế", Decimal("6.50")),
        ("Cải cách thủ tục hành chính", Decimal("13.50")),
    ]
    assert edition.results.count() == 2
    assert ComponentScore.objects.filter(result__edition=edition).count() == 6
    assert "Đã tạo bản nháp kỳ đánh giá “Chỉ số CCHC năm 2024”" in output
    assert "Cải cách thể chế (6,5)" in output


def test_publish_publishes_the_new_edition(tmp_path, agencies):
    output = import_results(
        write(tmp_path, ROWS),
        *("--edition", "chi-so-2024", "--title", "Chỉ số CCHC năm 2024", "--year", "2024"),
        *("--group", "UBND cấp huyện", "--publish"),
    )

    edition = IndexEdition.objects.get(slug="chi-so-2024")
    assert edition.live
    assert edition.live_revision is not None
    assert edition.group == "UBND cấp huyện"
    assert "Kỳ đánh giá đã được xuất bản." in output


def test_publish_publishes_an_existing_draft_and_leaves_a_published_edition_as_it_is(tmp_path, agencies):
    draft = IndexEditionFactory(slug="chi-so-2023", live=False)
    published = IndexEditionFactory(slug="chi-so-2022")

    output = import_results(write(tmp_path, ROWS), "--edition", "chi-so-2023", "--publish")
    import_results(write(tmp_path, ROWS), "--edition", "chi-so-2022", "--publish")

    draft.refresh_from_db()
    assert draft.live and draft.live_revision is not None
    assert "Kỳ đánh giá đã được xuất bản." in output
    assert not Revision.objects.filter(
        object_id=str(published.pk), base_content_type__model="indexedition"
    ).exists()


def test_a_new_edition_does_not_remain_when_the_file_has_errors(tmp_path, agencies):
    rows = [*ROWS, [3, "Sở Xây dựng", 8, 5, 10, 23, 3]]

    with pytest.raises(CommandError, match="Sở Xây dựng"):
        import_results(
            write(tmp_path, rows), "--edition", "chi-so-2024", "--title", "Chỉ số 2024", "--year", "2024"
        )

    assert not IndexEdition.objects.exists()
    assert not Revision.objects.exists()
    assert Result.objects.count() == 0


def test_a_dry_run_writes_nothing_even_a_new_edition_or_agency(tmp_path, agencies):
    rows = [*ROWS, [3, "Sở Xây dựng", 8, 5, 10, 23, 3]]

    output = import_results(
        write(tmp_path, rows),
        *("--edition", "chi-so-2024", "--title", "Chỉ số 2024", "--year", "2024"),
        *("--dry-run", "--create-agencies", "--publish"),
    )

    assert "Sẽ tạo bản nháp kỳ đánh giá" in output
    assert "Dòng 4: cơ quan mới “Sở Xây dựng”." in output
    assert "sẽ tạo mới 3 kết quả" in output
    assert "Kỳ đánh giá sẽ được xuất bản." in output
    assert not IndexEdition.objects.exists()
    assert not Agency.objects.filter(name="Sở Xây dựng").exists()


def test_create_agencies(tmp_path, agencies):
    IndexEditionFactory(slug="chi-so-2023")
    rows = [*ROWS, [3, "Sở Xây dựng", 8, 5, 10, 23, 3]]

    output = import_results(write(tmp_path, rows), "--edition", "chi-so-2023", "--create-agencies")

    assert "; tạo mới 1 cơ quan." in output
    assert Result.objects.filter(agency__name="Sở Xây dựng").exists()


def test_changes_are_printed_from_and_to(tmp_path, agencies):
    edition = IndexEditionFactory(slug="chi-so-2023")
    Result.objects.create(edition=edition, agency=agencies[0], points=Decimal("20"))

    output = import_results(
        write(tmp_path, [["Cơ quan", "Tổng điểm"], ["Sở Y tế", "21,5"]]), "--edition", "chi-so-2023"
    )

    assert "Dòng 2, Sở Y tế, Tổng điểm: 20 → 21,5" in output
    assert edition.results.get().corrections.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ket-qua.xlsx", b"PK\x03\x04 broken", "hoặc đã bị hỏng"),
        ("ket-qua.txt", b"Co quan,Tong diem", ".csv và .xlsx"),
    ],
)
def test_a_file_that_cannot_be_read(tmp_path, name, content, message):
    IndexEditionFactory(slug="chi-so-2023")
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        import_results(str(path), "--edition", "chi-so-2023")


def test_a_file_that_does_not_exist(tmp_path):
    with pytest.raises(CommandError, match="Không có tệp"):
        import_results(str(tmp_path / "khong-co.csv"), "--edition", "chi-so-2023")
