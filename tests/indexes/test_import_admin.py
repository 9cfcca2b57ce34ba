"""The admin screen that imports results: a trial run, an import, clean errors for bad uploads, permission."""

import json
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indexes.models import Agency, Result
from tests.admin_strings import untranslated
from tests.factories import UserFactory
from tests.indexes.factories import (
    AgencyFactory,
    IndexEditionFactory,
    csv_bytes,
    framework_headers,
    xlsx_bytes,
)

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


def upload(rows=ROWS, name="ket-qua.xlsx", content=None):
    if content is None:
        content = xlsx_bytes(rows) if name.endswith(".xlsx") else csv_bytes(rows)
    return SimpleUploadedFile(name, content)


def post(client, edition, file, action="dry_run", **fields):
    return client.post(URL, {"edition": edition.pk, "file": file, action: "1", **fields})


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_the_url_is_registered():
    assert reverse("indexes_import_results") == URL


def test_the_screen_is_in_the_vietnamese_admin(admin_client, edition):
    response = admin_client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi"' in html
    page = soup(response)
    assert page.select_one("form[enctype='multipart/form-data'] input[type=file][name=file]")
    assert page.select_one(f"select[name=edition] option[value='{edition.pk}']").text == edition.title
    assert page.select_one("input[type=checkbox][name=create_agencies]")
    assert page.select_one("button[name=dry_run]") and page.select_one("button[name=import]")
    assert page.select_one("nav[aria-label] ol, .w-breadcrumbs")  # Wagtail's slim header
    assert untranslated(html) == set()


def test_the_screen_is_in_the_reform_indexes_menu(admin_client, edition):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()

    props = json.loads(BeautifulSoup(html, "html.parser").select_one("#wagtail-sidebar-props").string)
    assert URL in json.dumps(props)


def test_a_trial_run_shows_what_each_row_would_do_and_writes_nothing(admin_client, edition):
    response = post(admin_client, edition, upload(), "dry_run")

    assert response.status_code == 200
    rows = soup(response).select("#import-rows tbody tr")
    assert len(rows) == 2
    assert "Sở Y tế" in rows[0].text
    assert Result.objects.count() == 0


def test_an_import_writes_the_results(admin_client, edition):
    response = post(admin_client, edition, upload(name="ket-qua.csv"), "import")

    assert response.status_code == 200
    assert len(soup(response).select("#import-rows tbody tr.import-create")) == 2
    assert Result.objects.get(agency__name="Sở Y tế").points == Decimal("28.23")

    again = post(admin_client, edition, upload(name="ket-qua.csv"), "import")

    assert len(soup(again).select("#import-rows tbody tr.import-unchanged")) == 2


def test_an_import_with_new_agencies(admin_client, edition):
    rows = [*ROWS, ["Sở Xây dựng", "8", "5", "10", "23"]]

    response = post(admin_client, edition, upload(rows), "import", create_agencies="on")

    assert response.status_code == 200
    assert Agency.objects.filter(name="Sở Xây dựng").exists()
    assert "Sở Xây dựng" in soup(response).select_one("#import-rows").text


def test_problems_are_listed_with_row_and_column_and_nothing_is_written(admin_client, edition):
    rows = [*ROWS, ["Sở Xây dựng", "8", "9", "10", "27"], ["Sở Y tế", "mười", "5", "10", "25"]]

    response = post(admin_client, edition, upload(rows), "import")

    assert response.status_code == 200
    cells = [
        [cell.text.strip() for cell in row.select("td")]
        for row in soup(response).select("#import-errors tbody tr")
    ]
    assert [cell[:2] for cell in cells] == [
        ["4", "Cải cách thể chế (6,5)"],
        ["4", "Cơ quan"],
        ["5", "Công tác chỉ đạo, điều hành (10)"],
        ["5", "Cơ quan"],
    ]
    assert all(cell[2] for cell in cells)
    assert Result.objects.count() == 0
    assert not Agency.objects.filter(name="Sở Xây dựng").exists()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("ket-qua.csv", b"a" * (5 * 1024 * 1024 + 1)), "Tệp có dung lượng 5,0"),
        (SimpleUploadedFile("ket-qua.pdf", b"%PDF-1.4"), "Chỉ nhập được tệp .csv và .xlsx."),
        (SimpleUploadedFile("ket-qua.xlsx", b"PK\x03\x04 not really a workbook"), "hoặc đã bị hỏng."),
        (SimpleUploadedFile("ket-qua.xlsx", bytes(range(256))), "Tệp không phải bảng tính Excel (.xlsx)."),
        (SimpleUploadedFile("ket-qua.csv", b"\xff\xfe\x00garbage"), "Tệp không phải văn bản CSV."),
        (SimpleUploadedFile("ket-qua.csv", b""), ""),
    ],
    ids=["oversized", "pdf", "broken zip", "random bytes", "binary csv", "empty"],
)
def test_a_bad_upload_is_a_form_error_not_a_server_error(admin_client, edition, file, message):
    response = post(admin_client, edition, file, "import")

    assert response.status_code == 200
    errors = soup(response).select(".error-message, .w-field__errors")
    assert errors
    assert message in " ".join(error.text for error in errors)
    assert Result.objects.count() == 0


def test_an_editor_without_permission_is_refused(client, edition):
    editor = UserFactory(username="bientap")
    editor.groups.add(Group.objects.get(name="Biên tập viên"))
    client.force_login(editor)

    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
    for response in (client.get(URL), post(client, edition, upload(), "import")):
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
    assert Result.objects.count() == 0
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_user_who_may_change_results_may_import(client, edition):
    editor = UserFactory(username="chiso")
    editor.groups.add(Group.objects.get(name="Biên tập viên"))
    editor.user_permissions.add(
        Permission.objects.get(codename="change_result", content_type__app_label="indexes")
    )
    client.force_login(editor)

    assert client.get(URL).status_code == 200
    assert post(client, edition, upload(), "import").status_code == 200
    assert Result.objects.count() == 2
