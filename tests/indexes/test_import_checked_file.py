"""The import screen keeps the file a trial run checked, so "Nhập kết quả" imports it without choosing it
again; after an import it links to the edition and offers to publish a draft; the template downloads."""

import io
import os
import time
from decimal import Decimal

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from indexes import checked_files
from indexes.importers import create_edition_from_headers, import_sheet, read_sheet
from indexes.models import IndexEdition, Result
from tests.admin_strings import untranslated
from tests.factories import UserFactory
from tests.indexes.factories import AgencyFactory, IndexEditionFactory, csv_bytes, framework_headers

pytestmark = pytest.mark.django_db

URL = "/admin/indexes/import-results/"
ROWS = [
    ["Cơ quan", *framework_headers(), "Tổng điểm"],
    ["Sở Y tế", "9,5", "6,5", "12,23", "28,23"],
    ["Sở Tài chính", "8", "5,25", "10,86", "24,11"],
]


@pytest.fixture
def edition(db):
    AgencyFactory(name="Sở Y tế")
    AgencyFactory(name="Sở Tài chính")
    return IndexEditionFactory(title="Chỉ số CCHC năm 2023")


@pytest.fixture
def moderator(client):
    user = UserFactory(username="kiemduyet")
    user.groups.add(Group.objects.get(name="Kiểm duyệt viên"))
    client.force_login(user)
    return user


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def trial_run(client, edition):
    response = client.post(
        URL,
        {"edition": edition.pk, "file": SimpleUploadedFile("ket-qua.csv", csv_bytes(ROWS)), "dry_run": "1"},
    )
    assert response.status_code == 200
    return response, soup(response).select_one("input[name=checked_file]")["value"]


def test_import_after_a_trial_run_writes_the_checked_file_without_choosing_it_again(
    client, moderator, edition
):
    trial, token = trial_run(client, edition)
    assert Result.objects.count() == 0
    assert "Tệp đã kiểm tra: ket-qua.csv" in soup(trial).select_one("#checked-file").text
    assert untranslated(trial.content.decode()) == set()

    imported = client.post(URL, {"edition": edition.pk, "checked_file": token, "import": "1"})

    assert imported.status_code == 200
    assert "Trường này là bắt buộc" not in imported.content.decode()
    assert len(soup(imported).select("#import-rows tbody tr.import-create")) == 2
    assert Result.objects.get(agency__name="Sở Y tế").points == Decimal("28.23")
    # The imported file is removed, and the token cannot import it a second time.
    again = client.post(URL, {"edition": edition.pk, "checked_file": token, "import": "1"})
    assert "Tệp đã kiểm tra không còn được giữ" in again.content.decode()


def test_nothing_to_import_asks_for_the_file_in_vietnamese(client, moderator, edition):
    response = client.post(URL, {"edition": edition.pk, "import": "1"})

    assert response.status_code == 200
    assert "Hãy chọn tệp kết quả." in response.content.decode()
    assert Result.objects.count() == 0


@pytest.mark.parametrize("token", ["../../portal/settings/base.py", "import-checks/x.csv", "a" * 80])
def test_a_forged_token_opens_no_file(client, moderator, edition, token):
    response = client.post(URL, {"edition": edition.pk, "checked_file": token, "import": "1"})

    assert response.status_code == 200
    assert "Tệp đã kiểm tra không còn được giữ" in response.content.decode()
    assert Result.objects.count() == 0


def test_another_users_token_opens_no_file(client, moderator, edition):
    _trial, token = trial_run(client, edition)
    other = UserFactory(username="kiemduyet2")
    other.groups.add(Group.objects.get(name="Kiểm duyệt viên"))
    client.force_login(other)

    response = client.post(URL, {"edition": edition.pk, "checked_file": token, "import": "1"})

    assert "Tệp đã kiểm tra không còn được giữ" in response.content.decode()
    assert Result.objects.count() == 0


def test_the_checked_file_belongs_to_the_edition_it_was_checked_against(client, moderator, edition):
    _trial, token = trial_run(client, edition)
    other = IndexEditionFactory(title="Chỉ số CCHC năm 2024")

    response = client.post(URL, {"edition": other.pk, "checked_file": token, "import": "1"})

    assert "Tệp đã được chạy thử với một kỳ đánh giá khác" in response.content.decode()
    assert Result.objects.count() == 0


def test_checked_files_older_than_an_hour_are_removed(client, moderator, edition):
    _trial, token = trial_run(client, edition)
    name = checked_files.describe(token, user=moderator)["name"]
    assert default_storage.exists(name)
    two_hours_ago = time.time() - 7200
    os.utime(default_storage.path(name), (two_hours_ago, two_hours_ago))

    client.get(URL)

    assert not default_storage.exists(name)


def test_after_importing_into_a_draft_the_screen_offers_to_publish_it(client, moderator, edition):
    IndexEdition.objects.filter(pk=edition.pk).update(live=False)
    _trial, token = trial_run(client, edition)

    imported = client.post(URL, {"edition": edition.pk, "checked_file": token, "import": "1"})

    reminder = soup(imported).select_one("#import-edition")
    assert "vẫn là bản nháp" in reminder.text
    assert reminder.select_one(f"a[href='/admin/snippets/indexes/indexedition/edit/{edition.pk}/']")
    button = reminder.select_one("button[name=publish_edition]")
    assert button.text.strip() == "Xuất bản kỳ đánh giá"

    published = client.post(URL, {"publish_edition": str(edition.pk)}, follow=True)

    edition.refresh_from_db()
    assert edition.live
    assert "Đã xuất bản kỳ đánh giá “Chỉ số CCHC năm 2023”." in published.content.decode()


def test_an_editor_cannot_publish_through_the_import_screen(client, edition):
    editor = UserFactory(username="bientap")
    editor.groups.add(Group.objects.get(name="Biên tập viên"))
    client.force_login(editor)
    IndexEdition.objects.filter(pk=edition.pk).update(live=False)

    response = client.post(URL, {"publish_edition": str(edition.pk)})

    assert (response.status_code, response["Location"]) == (302, "/admin/")  # Wagtail's refusal
    assert not IndexEdition.objects.get(pk=edition.pk).live


def test_a_live_edition_is_linked_after_the_import(client, moderator, edition, indexes_page):
    _trial, token = trial_run(client, edition)

    imported = client.post(URL, {"edition": edition.pk, "checked_file": token, "import": "1"})

    links = soup(imported).select_one("#import-edition")
    assert links.select_one(f"a[href='{indexes_page.edition_url(edition)}']")
    assert not links.select_one("button[name=publish_edition]")


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_template_downloads_and_imports_cleanly(client, moderator, extension):
    page = soup(client.get(URL))
    link = page.select_one(f"#import-template a[href$='.{extension}']")
    assert link.text == f"ket-qua-mau.{extension}"

    response = client.get(link["href"])

    assert response.status_code == 200
    assert f'filename="ket-qua-mau.{extension}"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    if extension == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        assert sheet["B2"].value == "Sở Khoa học và Công nghệ"
        assert sheet["C2"].value == 8.5
    sheet = read_sheet(io.BytesIO(content), f"mau.{extension}")
    edition = create_edition_from_headers(slug="mau", title="Mẫu", year=2024, headers=sheet.headers)
    report = import_sheet(edition=edition, sheet=sheet, create_agencies=True, dry_run=True)
    assert report.ok, report.errors
    assert [row.agency for row in report.rows] == [
        "Sở Khoa học và Công nghệ",
        "Sở Nội vụ (giả định)",
        "Sở Tư pháp (giả định)",
    ]
