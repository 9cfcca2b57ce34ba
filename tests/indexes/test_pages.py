"""The public reform-index pages: editions, agencies, comparisons, charts and downloads."""

import csv
import io
import json
import re
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indexes.models import Result, ServiceCount
from indexes.rankings import edition_ranking
from portal.caching.generation import purge
from portal.transliteration import ascii_slug
from tests.helpers import sitemap_text
from tests.indexes.factories import AgencyFactory, IndexEditionFactory, ResultFactory

pytestmark = pytest.mark.django_db

BASE = "/chi-so-cai-cach-hanh-chinh/"


def make_ranking(edition, indexes: dict[str, str]):
    """One result per agency name with the given index (points out of the edition's 30)."""
    return {
        name: ResultFactory(edition=edition, agency=AgencyFactory(name=name), index_value=Decimal(value))
        for name, value in indexes.items()
    }


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def table_row(response, name: str) -> str:
    """The text of the table row that names `name`."""
    rows = re.findall(r"<tr[^>]*>.*?</tr>", response.content.decode(), flags=re.S)
    return next(text_of_html(row) for row in rows if name in row)


def text_of_html(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def two_years(indexes_page):
    """2022 and 2023 of one group: Sở KH&CN goes from 85,37 (6th) to 83,45 (13th), a tie at 90,02."""
    older = IndexEditionFactory(title="Chỉ số CCHC 2022", slug="chi-so-2022", year=2022)
    newer = IndexEditionFactory(
        title="Chỉ số CCHC 2023",
        slug="chi-so-2023",
        year=2023,
        bands=[("Tốt", "80"), ("Khá", "70"), ("Trung bình", "0")],
    )
    others = [f"Sở giả định {n:02d}" for n in range(1, 18)]
    older_values = ["91.2", "89.75", "88.04", "87.66", "86.1"] + [str(85 - n) for n in range(12)]
    newer_values = ["92.14", "90.02", "90.02"] + [str(Decimal("89.9") - n / Decimal(2)) for n in range(9)]
    newer_values += [str(Decimal("82") - n) for n in range(5)]
    make_ranking(older, dict(zip(others, older_values, strict=True)) | {"Sở Khoa học và Công nghệ": "85.37"})
    make_ranking(newer, dict(zip(others, newer_values, strict=True)) | {"Sở Khoa học và Công nghệ": "83.45"})
    return older, newer


def test_link_previews_describe_the_edition_and_the_agency(client, two_years):
    khcn = Result.objects.filter(agency__name="Sở Khoa học và Công nghệ").first().agency

    edition = client.get(f"{BASE}chi-so-2023/").content.decode()
    agency = client.get(f"{BASE}co-quan/{khcn.slug}/").content.decode()

    expected_edition = "Chỉ số CCHC 2023: xếp hạng 18 cơ quan; đứng đầu: Sở giả định 01, chỉ số 92,14."
    expected_agency = "Sở Khoa học và Công nghệ: chỉ số 83,45 trong Chỉ số CCHC 2023, xếp thứ 13/18."
    assert f'<meta name="description" content="{expected_edition}">' in edition
    assert f'<meta property="og:description" content="{expected_edition}">' in edition
    assert f'<meta name="description" content="{expected_agency}">' in agency


def test_ties_share_a_rank_and_the_next_rank_skips(two_years):
    rows = edition_ranking(two_years[1])
    assert [(row.rank, row.result.index_value) for row in rows[:4]] == [
        (1, Decimal("92.14")),
        (2, Decimal("90.02")),
        (2, Decimal("90.02")),
        (4, Decimal("89.9")),
    ]
    assert [row.rank for row in rows if row.agency.name == "Sở Khoa học và Công nghệ"] == [13]


def test_edition_page_shows_the_change_on_the_previous_edition(client, two_years):
    response = client.get(f"{BASE}chi-so-2023/")
    assert response.status_code == 200
    page = text_of(response)
    row = table_row(response, "Sở Khoa học và Công nghệ")
    assert "83,45" in row and "\u22121,92" in row and "giảm 7 bậc" in row
    assert "Chỉ số CCHC 2022" in page  # "changes compared with"


def test_agency_page_shows_latest_result_history_and_services(client, two_years):
    agency = Result.objects.get(edition=two_years[1], agency__name="Sở Khoa học và Công nghệ").agency
    count = ServiceCount.objects.create(
        agency=agency, as_of="2023-12-31", period_label="Năm 2023", total_procedures=55, online_procedures=19
    )
    count.save_revision().publish()
    ServiceCount.objects.create(
        agency=agency, as_of="2024-06-30", total_procedures=60, online_procedures=50, live=False
    )
    response = client.get(f"{BASE}co-quan/{agency.slug}/")
    assert response.status_code == 200
    page = text_of(response)
    assert "13/18" in page and "83,45" in page and "85,37" in page
    assert "19/55 (34,5 %)" in page
    assert "50/60" not in page, "a draft service count is not public"
    assert "<svg" in response.content.decode()


def test_filters_and_sorting_keep_their_state_in_the_address(client, two_years):
    response = client.get(f"{BASE}chi-so-2023/", {"xep-loai": "Khá"})
    shown = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', response.content.decode())
    assert shown == ["Sở giả định 16", "Sở giả định 17"]  # 79 and 78: "Khá" is 70 ≤ index < 80
    assert "<option selected>Khá</option>" in response.content.decode()

    response = client.get(f"{BASE}chi-so-2023/", {"sap-xep": "ten"})
    names = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', response.content.decode())
    assert names == sorted(names, key=str.casefold)
    assert 'aria-sort="ascending"' in response.content.decode()

    response = client.get(f"{BASE}chi-so-2023/", {"sap-xep": "ten", "thu-tu": "giam"})
    reversed_names = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', response.content.decode())
    assert reversed_names == names[::-1]


@pytest.mark.parametrize(
    "query",
    [{"sap-xep": "bogus"}, {"loai": "planet"}, {"xep-loai": "<script>"}, {"sap-xep": "thanh-phan-99"}],
)
def test_bad_parameters_get_a_clear_400(client, two_years, query):
    response = client.get(f"{BASE}chi-so-2023/", query)
    assert response.status_code == 400
    assert "<script>" not in response.content.decode()


def test_flags_for_figures_that_disagree(client, indexes_page):
    edition = IndexEditionFactory(slug="chi-so-flag", year=2023)
    ResultFactory(
        edition=edition,
        agency=AgencyFactory(name="Sở Xây dựng"),
        points=Decimal("25"),
        published_rank=3,
        scores={
            "Công tác chỉ đạo, điều hành": "9",
            "Cải cách thể chế": "6",
            "Cải cách thủ tục hành chính": "12",
        },
        note="Tổng điểm công bố gồm phần điều tra xã hội học.",
    )
    row = edition_ranking(edition)[0]
    assert row.total_disagrees and row.rank_disagrees
    page = text_of(client.get(f"{BASE}chi-so-flag/"))
    assert "27" in page and "3" in page
    assert "flag" in client.get(f"{BASE}chi-so-flag/").content.decode()


def test_partial_tables_rank_by_index_and_leave_missing_cells_empty(client, indexes_page):
    edition = IndexEditionFactory(slug="chi-so-partial", year=2023)
    ResultFactory(
        edition=edition,
        agency=AgencyFactory(name="Sở A"),
        points=Decimal("68.32"),
        applicable_maximum=Decimal("84"),
    )
    ResultFactory(edition=edition, agency=AgencyFactory(name="Sở B"), index_value=Decimal("90"))
    rows = edition_ranking(edition)
    assert [(row.agency.name, row.rank, row.result.index_value) for row in rows] == [
        ("Sở B", 1, Decimal("90.00")),
        ("Sở A", 2, Decimal("81.33")),
    ]
    download = csv_rows(client.get(f"{BASE}chi-so-partial/tai-ve/xep-hang/csv/"))
    header, first = download[0], download[1]
    assert first[header.index("Chỉ số (%)")] == "90"
    assert first[header.index("Tổng điểm")] == ""


def test_downloads_carry_the_figures_on_the_page(client, two_years):
    url = f"{BASE}chi-so-2023/tai-ve/xep-hang/"
    rows = csv_rows(client.get(url + "csv/"))
    header = rows[0]
    khcn = next(row for row in rows if row[1] == "Sở Khoa học và Công nghệ")
    assert khcn[header.index("Hạng")] == "13"
    assert khcn[header.index("Chỉ số (%)")] == "83.45"
    assert Decimal(khcn[header.index("Thay đổi chỉ số")]) == Decimal("-1.92")

    workbook = openpyxl.load_workbook(io.BytesIO(client.get(url + "xlsx/").content))
    sheet_rows = list(workbook.active.iter_rows(values_only=True))
    assert any(row[1] == "Sở Khoa học và Công nghệ" and row[0] == 13 for row in sheet_rows)

    document = json.loads(client.get(url + "json/").content)
    record = next(row for row in document["rows"] if row["agency"] == "Sở Khoa học và Công nghệ")
    assert record["index"] == 83.45 and record["rank"] == 13 and record["rank_change"] == -7

    assert client.get(f"{BASE}chi-so-2023/tai-ve/xep-hang/pdf/").status_code == 404
    assert client.get(f"{BASE}chi-so-2023/tai-ve/khong-co/csv/").status_code == 404


def test_cells_a_spreadsheet_would_run_are_escaped(client, indexes_page):
    edition = IndexEditionFactory(slug="chi-so-formula", year=2023)
    ResultFactory(edition=edition, agency=AgencyFactory(name='=HYPERLINK("http://evil","x")'), index_value=50)
    ResultFactory(edition=edition, agency=AgencyFactory(name="@SUM(A1)"), index_value=40)
    rows = csv_rows(client.get(f"{BASE}chi-so-formula/tai-ve/xep-hang/csv/"))
    assert rows[1][1].startswith("'=") and rows[2][1].startswith("'@")
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(f"{BASE}chi-so-formula/tai-ve/xep-hang/xlsx/").content)
    )
    cell = workbook.active["B2"]
    assert cell.data_type == "s" and cell.value.startswith("'=")


def test_charts_download_as_svg(client, two_years):
    response = client.get(f"{BASE}chi-so-2023/bieu-do/chi-so/svg/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response.content.startswith(b"<svg") and b"<title>" in response.content
    assert client.get(f"{BASE}chi-so-2023/bieu-do/khong-co/svg/").status_code == 404


def test_the_comparison_lists_agencies_in_vietnamese_order_with_a_filter_box(client, indexes_page):
    edition = IndexEditionFactory(slug="chi-so-thu-tu", year=2023)
    make_ranking(
        edition,
        {
            "Sở Khoa học và Công nghệ": "80",
            "Sở Kế hoạch và Đầu tư": "81",
            "Sở Đô thị": "82",
            "Sở Du lịch": "83",
            "Sở Nội vụ": "84",
            "Sở Ngoại vụ": "85",
        },
    )
    html = client.get(f"{BASE}so-sanh/").content.decode()

    listed = re.findall(r'name="co-quan" value="[^"]+"(?: checked)?> ([^<]+)</label>', html)
    # Letters before their marks and đ after d, not code points (which put "Kh" before "Kế").
    assert [name for name in listed if name.startswith("Sở")] == [
        "Sở Du lịch",
        "Sở Đô thị",
        "Sở Kế hoạch và Đầu tư",
        "Sở Khoa học và Công nghệ",
        "Sở Ngoại vụ",
        "Sở Nội vụ",
    ]
    # The box that narrows the list is there for JavaScript to show; without it the whole list reads.
    assert "data-list-filter hidden" in html and "Tìm cơ quan trong danh sách" in html


def test_comparison_of_two_to_four_agencies(client, two_years):
    khcn = Result.objects.filter(agency__name="Sở Khoa học và Công nghệ").first().agency
    other = Result.objects.filter(agency__name="Sở giả định 01").first().agency
    response = client.get(f"{BASE}so-sanh/", {"co-quan": [khcn.slug, other.slug]})
    assert response.status_code == 200
    page = text_of(response)
    assert "83,45" in page and "92,14" in page
    assert "Cải cách thể chế (6,5)" in page  # maxima read as the reader writes numbers
    assert f'value="{khcn.slug}" checked' in response.content.decode()
    response_csv = client.get(f"{BASE}so-sanh/tai-ve/so-sanh/csv/?co-quan={khcn.slug}&co-quan={other.slug}")
    download = csv_rows(response_csv)
    assert download[0][1:] == ["Sở Khoa học và Công nghệ", "Sở giả định 01"]
    # Named after the agencies and the edition it holds, not "so-sanh-chi-so-cchc-so-sanh".
    edition_slug = two_years[1].slug
    names = "-".join(ascii_slug(agency.short_name) or agency.slug for agency in (khcn, other))
    assert response_csv["Content-Disposition"] == f'attachment; filename="so-sanh-{names}-{edition_slug}.csv"'

    # The Excel file offered first: a Vietnamese-locale spreadsheet reads its numbers right.
    offered = re.findall(
        r'href="[^"]*/tai-ve/so-sanh/(\w+)/[^"]*" download[^>]*>([^<]+)<', response.content.decode()
    )
    assert offered == [("xlsx", "Tải Excel"), ("csv", "CSV"), ("json", "JSON")]

    one = client.get(f"{BASE}so-sanh/", {"co-quan": [khcn.slug]})
    assert (
        one.status_code == 200 and "<table" not in one.content.decode().split("<main")[1].split("footer")[0]
    )
    five = Result.objects.filter(edition=two_years[1]).values_list("agency__slug", flat=True)[:5]
    assert client.get(f"{BASE}so-sanh/", {"co-quan": list(five)}).status_code == 400
    assert client.get(f"{BASE}so-sanh/", {"co-quan": [khcn.slug, "khong-ton-tai"]}).status_code == 400
    assert client.get(f"{BASE}so-sanh/", {"co-quan": [khcn.slug, other.slug], "ky": "x"}).status_code == 400


def test_nothing_unpublished_is_public(client, two_years):
    draft = IndexEditionFactory(title="Chỉ số CCHC 2024 (nháp)", slug="chi-so-2024", year=2024, live=False)
    secret_agency = AgencyFactory(name="Sở Chỉ Có Trong Bản Nháp")
    ResultFactory(edition=draft, agency=secret_agency, index_value=Decimal("99.99"))
    khcn = Result.objects.filter(agency__name="Sở Khoa học và Công nghệ").first().agency
    ResultFactory(edition=draft, agency=khcn, index_value=Decimal("12.34"))

    assert client.get(f"{BASE}chi-so-2024/").status_code == 404
    assert client.get(f"{BASE}chi-so-2024/tai-ve/xep-hang/csv/").status_code == 404
    assert client.get(f"{BASE}chi-so-2024/bieu-do/chi-so/svg/").status_code == 404
    assert client.get(f"{BASE}co-quan/{secret_agency.slug}/").status_code == 404
    assert client.get(f"{BASE}so-sanh/", {"co-quan": [khcn.slug, secret_agency.slug]}).status_code == 400
    for path in [
        BASE,
        f"{BASE}co-quan/",
        f"{BASE}co-quan/{khcn.slug}/",
        f"{BASE}chi-so-2023/",
        "/sitemap.xml",
        "/sitemap-trang.xml",
    ]:
        body = client.get(path).content.decode()
        assert (
            "Bản Nháp" not in body and "nháp" not in body and "12,34" not in body and "99,99" not in body
        ), path
    sitemap = sitemap_text(client)
    assert f"{BASE}chi-so-2023/" in sitemap and f"{BASE}co-quan/{khcn.slug}/" in sitemap
    assert "chi-so-2024" not in sitemap and secret_agency.slug not in sitemap
    history = client.get(f"{BASE}co-quan/{khcn.slug}/tai-ve/qua-cac-nam/json/")
    assert [row["year"] for row in json.loads(history.content)["rows"]] == [2023, 2022]


def test_a_correction_after_publication_stays_visible(client, two_years):
    result = Result.objects.get(edition=two_years[1], agency__name="Sở Khoa học và Công nghệ")
    result.index_value = Decimal("83.95")
    result.points = None
    result.save()
    assert result.corrections.count() == 1
    page = text_of(client.get(f"{BASE}chi-so-2023/"))
    assert "Đính chính" in page or "đính chính" in page
    assert "83,45 → 83,95" in page


def query_count(client, path) -> int:
    """The page's queries on its first view after a publish (what every page shares already read)."""
    client.get(path)
    purge()
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def test_query_counts_do_not_grow_with_agencies_or_editions(client, indexes_page):
    agencies = [AgencyFactory(name=f"Sở đo {n:02d}") for n in range(30)]
    editions = [IndexEditionFactory(slug=f"do-{year}", year=year) for year in range(2015, 2021)]

    def fill(edition, count):
        for position, agency in enumerate(agencies[:count]):
            ResultFactory(
                edition=edition,
                agency=agency,
                points=Decimal(20) - position / Decimal(4),
                scores={"Cải cách thể chế": "5"},
            )

    for edition in editions[:2]:
        fill(edition, 5)
    small = {
        "edition": query_count(client, f"{BASE}do-2016/"),
        "agency": query_count(client, f"{BASE}co-quan/{agencies[0].slug}/"),
        "comparison": query_count(
            client, f"{BASE}so-sanh/?co-quan={agencies[0].slug}&co-quan={agencies[1].slug}"
        ),
    }
    for edition in editions[2:]:
        fill(edition, 30)
    Result.objects.filter(edition=editions[1]).delete()
    fill(editions[1], 30)
    large = {
        "edition": query_count(client, f"{BASE}do-2016/"),
        "agency": query_count(client, f"{BASE}co-quan/{agencies[0].slug}/"),
        "comparison": query_count(
            client, f"{BASE}so-sanh/?co-quan={agencies[0].slug}&co-quan={agencies[1].slug}"
        ),
    }
    assert large == small, (small, large)
    assert all(count < 15 for count in large.values()), large  # README: "Performance"
