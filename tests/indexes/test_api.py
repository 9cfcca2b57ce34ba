"""The reform-index figures in the public JSON API: only published figures, ranked as on the pages."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document

from indexes.models import AgencyKind
from tests.indexes.factories import (
    add_result,
    make_agency,
    make_edition,
    make_section,
    make_service_count,
    ranking,
)

pytestmark = pytest.mark.django_db

API = "/api/v1"


def get(client, path, **params):
    return client.get(f"{API}{path}", params)


def ok(client, path, **params):
    response = get(client, path, **params)
    assert response.status_code == 200, response.content
    return response.json()


def slugs(items, key="agency"):
    return [item[key]["slug"] if isinstance(item[key], dict) else item[key] for item in items]


# Editions ---------------------------------------------------------------------------------------


def test_editions_list_published_editions_newest_first_with_their_framework(client, home_page):
    make_section(home_page)
    document = Document.objects.create(
        title="Quyết định 123", file=ContentFile(b"%PDF-1.4", name="qd-123.pdf")
    )
    older = make_edition(2022)
    newer = make_edition(
        2023,
        decision_number="123/QĐ-UBND",
        decision_date=date(2024, 3, 15),
        decision_issuer="UBND tỉnh Quảng Trị",
        decision_document=document,
        components=[("Cải cách thể chế", "6.5"), ("Cải cách thủ tục hành chính", "13.5")],
    )
    ranking(older, ["90", "80"])
    ranking(newer, ["91", "81", "71"])

    body = ok(client, "/editions")

    assert (body["count"], body["page"], body["page_size"]) == (2, 1, 50)
    assert [item["slug"] for item in body["results"]] == [newer.slug, older.slug]
    latest = body["results"][0]
    assert latest["title"] == "Chỉ số CCHC năm 2023"
    assert latest["year"] == 2023
    assert latest["group"] == "Sở, ban, ngành cấp tỉnh"
    assert latest["decision"]["number"] == "123/QĐ-UBND"
    assert latest["decision"]["date"] == "2024-03-15"
    assert latest["decision"]["issuer"] == "UBND tỉnh Quảng Trị"
    assert latest["decision"]["document_url"].startswith("http://testserver/")
    assert latest["maximum"] == 20
    assert latest["components"] == [
        {"position": 1, "name": "Cải cách thể chế", "maximum": 6.5},
        {"position": 2, "name": "Cải cách thủ tục hành chính", "maximum": 13.5},
    ]
    assert latest["bands"] == [
        {"name": "Tốt", "min_index": 80},
        {"name": "Khá", "min_index": 65},
        {"name": "Trung bình", "min_index": 50},
        {"name": "Yếu", "min_index": 0},
    ]
    assert latest["result_count"] == 3
    assert latest["page_url"] == f"http://testserver/chi-so-cai-cach-hanh-chinh/{newer.slug}/"
    assert body["results"][1]["decision"] == {"number": "", "date": None, "issuer": "", "document_url": None}


def test_without_the_public_section_page_urls_are_null(client):
    make_edition(2023)
    make_service_count(make_agency("Sở Tư pháp"), date(2024, 1, 1))

    assert ok(client, "/editions")["results"][0]["page_url"] is None
    assert ok(client, "/agencies")["results"][0]["page_url"] is None


def test_an_edition_lists_its_results_in_rank_order_and_ties_share_a_rank(client):
    edition = make_edition(2023)
    ranking(edition, ["88.00", "90.02", "95.10", "90.02", None])

    body = ok(client, f"/editions/{edition.slug}")

    assert body["slug"] == edition.slug
    assert body["result_count"] == 5
    rows = [
        (row["agency"]["name"], row["index"], row["rank"], row["ranked_count"]) for row in body["results"]
    ]
    assert rows == [
        ("Sở 3", 95.1, 1, 4),
        ("Sở 2", 90.02, 2, 4),
        ("Sở 4", 90.02, 2, 4),
        ("Sở 1", 88.0, 4, 4),
        ("Sở 5", None, None, None),  # published without an index: listed last, unranked
    ]
    assert [row["band"] for row in body["results"]] == ["Tốt", "Tốt", "Tốt", "Tốt", None]


def test_unknown_and_draft_editions_are_404_with_a_message(client):
    draft = make_edition(2024, live=False)

    for slug in ("khong-co", draft.slug):
        response = get(client, f"/editions/{slug}")
        assert response.status_code == 404
        assert response.json() == {"detail": f"No published edition has the slug “{slug}”."}


# Results ----------------------------------------------------------------------------------------


def test_a_result_carries_its_figures_components_flags_and_corrections(client):
    edition = make_edition(2023)
    agency = make_agency("Sở Khoa học và Công nghệ", short_name="Sở KH&CN")
    result = add_result(
        edition,
        agency,
        "83.45",
        scores={"Cải cách thể chế": "30", "Cải cách thủ tục hành chính": "45"},
        published_rank=2,
        applicable_maximum=Decimal("95"),
    )
    ranking(edition, ["84"], prefix="Sở khác")
    result.points = Decimal("79.5")
    result.save()  # a correction after publication is kept publicly

    (row,) = ok(client, "/results", agency=agency.slug)["results"]

    assert row["edition"] == {
        "slug": edition.slug,
        "title": edition.title,
        "year": 2023,
        "series": edition.series.slug,
    }
    assert row["agency"] == {
        "slug": agency.slug,
        "name": "Sở Khoa học và Công nghệ",
        "short_name": "Sở KH&CN",
        "kind": "department",
    }
    assert (row["points"], row["applicable_maximum"], row["index"]) == (79.5, 95, 83.45)
    assert (row["rank"], row["ranked_count"], row["published_rank"]) == (2, 2, 2)
    assert row["rank_disagrees"] is False
    assert row["total_disagrees"] is True  # 30 + 45 is not 79,5
    assert row["band"] == "Tốt"
    assert (row["index_change"], row["rank_change"], row["previous_edition"]) == (None, None, None)
    assert row["components"] == [
        {"name": "Cải cách thể chế", "maximum": 40, "points": 30, "share": 75},
        {"name": "Cải cách thủ tục hành chính", "maximum": 60, "points": 45, "share": 75},
    ]
    (correction,) = row["corrections"]
    assert correction["changes"] == {"points": {"from": "83.45", "to": "79.5"}}
    assert correction["corrected_at"]


def test_a_published_rank_that_differs_from_the_derived_one_is_flagged(client):
    edition = make_edition(2023)
    ranking(edition, ["90", "80"])
    add_result(edition, make_agency("Sở Lệch hạng"), "85", published_rank=1)

    (row,) = ok(client, "/results", agency="so-lech-hang")["results"]

    assert (row["rank"], row["published_rank"], row["rank_disagrees"]) == (2, 1, True)


def test_the_change_is_on_the_agencys_previous_result_in_the_same_group(client):
    older = make_edition(2022)
    make_edition(2021, slug="huyen-2021", group="UBND cấp huyện")  # another group: never compared
    newer = make_edition(2023)
    make_edition(2022, slug="ban-nhap-2022b", live=False)  # a draft: never compared
    target = make_agency("Sở Nội vụ")
    ranking(older, ["99", "98", "97", "96", "95"])
    add_result(older, target, "85.00")  # rank 6
    ranking(newer, [str(99 - n) for n in range(12)])
    add_result(newer, target, "83.08")  # rank 13

    (latest, earlier) = ok(client, "/results", agency="so-noi-vu")["results"]

    assert (latest["rank"], latest["ranked_count"]) == (13, 13)
    assert latest["index_change"] == -1.92
    assert latest["rank_change"] == -7
    assert latest["previous_edition"] == older.slug
    assert (earlier["rank"], earlier["index_change"], earlier["rank_change"]) == (6, None, None)

    in_edition = next(
        row
        for row in ok(client, f"/editions/{newer.slug}")["results"]
        if row["agency"]["slug"] == "so-noi-vu"
    )
    history = ok(client, "/agencies/so-noi-vu")["history"]
    for row in (in_edition, history[0]):
        assert (row["rank"], row["index_change"], row["rank_change"]) == (13, -1.92, -7)


def test_results_filter_by_year_edition_agency_and_kind(client):
    older, newer = make_edition(2022), make_edition(2023)
    ranking(older, ["90", "80"])
    ranking(newer, ["91", "81"])
    district = make_agency("Huyện Cam Lộ", kind=AgencyKind.DISTRICT)
    add_result(newer, district, "70")

    assert ok(client, "/results", year=2022)["count"] == 2
    assert {row["edition"]["slug"] for row in ok(client, "/results", year=2022)["results"]} == {older.slug}
    assert ok(client, "/results", edition=newer.slug)["count"] == 3
    by_agency = ok(client, "/results", agency="so-1")["results"]
    assert [(row["edition"]["year"], row["index"]) for row in by_agency] == [(2023, 91), (2022, 90)]
    by_kind = ok(client, "/results", kind="district")
    assert (by_kind["count"], slugs(by_kind["results"])) == (1, [district.slug])
    assert ok(client, "/results", year=2023, agency="so-2")["count"] == 1
    assert ok(client, "/results", agency="khong-co")["count"] == 0


def test_the_band_filter_reads_each_editions_own_table_in_any_case(client):
    strict = make_edition(2022, bands=[("Tốt", "90"), ("Khá", "80"), ("Yếu", "0")])
    usual = make_edition(2023)
    ranking(strict, ["95", "85", "60"])
    ranking(usual, ["85", "80", "79.99"])

    good = ok(client, "/results", band="tốt")
    assert [(row["edition"]["year"], row["index"], row["band"]) for row in good["results"]] == [
        (2023, 85, "Tốt"),
        (2023, 80, "Tốt"),
        (2022, 95, "Tốt"),
    ]
    fair = ok(client, "/results", band="KHÁ")
    assert [(row["edition"]["year"], row["index"]) for row in fair["results"]] == [(2023, 79.99), (2022, 85)]
    assert ok(client, "/results", band="Khá", year=2022)["count"] == 1

    response = get(client, "/results", band="Xuất sắc")
    assert response.status_code == 400
    assert "Xuất sắc" in response.json()["detail"]


def test_results_filter_by_an_index_range_inclusive(client):
    edition = make_edition(2023)
    ranking(edition, ["95", "90.02", "80", "70", None])

    def indexes(**params):
        return [row["index"] for row in ok(client, "/results", **params)["results"]]

    assert indexes(min_index=80) == [95, 90.02, 80]
    assert indexes(max_index="90.02") == [90.02, 80, 70]
    assert indexes(min_index=75, max_index=91) == [90.02, 80]
    assert indexes(min_index=80, max_index=80) == [80]

    response = get(client, "/results", min_index=90, max_index=80)
    assert response.status_code == 400
    assert "min_index" in response.json()["detail"]


def test_results_sort(client):
    older, newer = make_edition(2022), make_edition(2023)
    ranking(older, ["70", "99"], prefix="Sở A")
    ranking(newer, ["80", "90"], prefix="Sở B")

    def order(sort=None):
        params = {"sort": sort} if sort else {}
        return [(row["edition"]["year"], row["index"]) for row in ok(client, "/results", **params)["results"]]

    assert order() == order("rank") == [(2023, 90), (2023, 80), (2022, 99), (2022, 70)]
    assert order("-index") == [(2022, 99), (2023, 90), (2023, 80), (2022, 70)]
    assert order("index") == [(2022, 70), (2023, 80), (2023, 90), (2022, 99)]
    assert order("year") == [(2022, 99), (2022, 70), (2023, 90), (2023, 80)]
    assert order("agency") == [(2022, 70), (2022, 99), (2023, 80), (2023, 90)]  # Sở A 1, Sở A 2, Sở B 1, …


def test_results_are_paginated_in_an_envelope_and_a_page_past_the_end_is_404(client):
    edition = make_edition(2023)
    ranking(edition, ["95", "90", "85", "80", "75"])

    second = ok(client, "/results", page=2, page_size=2)
    assert (second["count"], second["page"], second["page_size"]) == (5, 2, 2)
    assert [row["rank"] for row in second["results"]] == [3, 4]
    assert [row["rank"] for row in ok(client, "/results", page=3, page_size=2)["results"]] == [5]

    response = get(client, "/results", page=4, page_size=2)
    assert response.status_code == 404
    assert response.json() == {"detail": "Page 4 is beyond the last page, 3 (5 items, 2 a page)."}

    empty = ok(client, "/results", year=2000)
    assert (empty["count"], empty["page"], empty["results"]) == (0, 1, [])
    assert get(client, "/results", year=2000, page=2).status_code == 404


def test_results_query_count_does_not_grow_with_the_number_of_results(client):
    older, newer = make_edition(2022), make_edition(2023)

    def add_agencies(first, last):
        for number in range(first, last + 1):
            agency = make_agency(f"Sở {number}")
            for edition in (older, newer):
                result = add_result(
                    edition,
                    agency,
                    str(60 + number),
                    scores={"Cải cách thể chế": "20", "Cải cách thủ tục hành chính": "30"},
                )
                result.published_rank = 1
                result.save()  # a correction

    def queries():
        with CaptureQueriesContext(connection) as captured:
            body = ok(client, "/results")
        return len(captured), body

    add_agencies(1, 5)
    ok(client, "/results")  # warm any per-process caches
    few, few_body = queries()
    add_agencies(6, 30)
    ok(client, "/results")  # the saves started a new cache generation: warm again
    many, many_body = queries()

    assert (few_body["count"], many_body["count"]) == (10, 60)
    assert all(row["corrections"] and row["components"][0]["points"] == 20 for row in many_body["results"])
    assert all(row["previous_edition"] == older.slug for row in many_body["results"][:30])
    assert few == many
    assert many <= 10


# Agencies and service counts --------------------------------------------------------------------


def test_agencies_with_published_figures_and_the_kind_filter(client, home_page):
    make_section(home_page)
    edition = make_edition(2023)
    department = make_agency("Sở Tài chính", province="Quảng Trị", website="https://stc.example.gov.vn")
    add_result(edition, department, "80")
    district = make_agency("Huyện Gio Linh", kind=AgencyKind.DISTRICT)
    make_service_count(district, date(2024, 6, 30))  # service counts only
    make_agency("Sở Chưa có số liệu")

    body = ok(client, "/agencies")

    assert body["count"] == 2
    assert [item["slug"] for item in body["results"]] == [district.slug, department.slug]
    assert body["results"][1] == {
        "slug": department.slug,
        "name": "Sở Tài chính",
        "short_name": "",
        "kind": "department",
        "province": "Quảng Trị",
        "website": "https://stc.example.gov.vn",
        "page_url": f"http://testserver/chi-so-cai-cach-hanh-chinh/co-quan/{department.slug}/",
    }
    assert [item["slug"] for item in ok(client, "/agencies", kind="district")["results"]] == [district.slug]
    assert ok(client, "/agencies", kind="commune")["count"] == 0


def test_an_agency_with_its_history_and_service_counts(client):
    older, newer = make_edition(2022), make_edition(2023)
    agency = make_agency("Sở Y tế", description="Cơ quan chuyên môn.")
    add_result(older, agency, "70")
    add_result(newer, agency, "75.5")
    make_service_count(agency, date(2023, 12, 31))
    make_service_count(
        agency, date(2024, 12, 31), online_procedures=80, fully_online=None, partly_online=None
    )

    body = ok(client, f"/agencies/{agency.slug}")

    assert (body["name"], body["description"], body["kind"]) == (
        "Sở Y tế",
        "Cơ quan chuyên môn.",
        "department",
    )
    assert [(row["edition"]["year"], row["index"]) for row in body["history"]] == [(2023, 75.5), (2022, 70)]
    assert body["history"][0]["index_change"] == 5.5
    assert [count["as_of"] for count in body["service_counts"]] == ["2024-12-31", "2023-12-31"]
    assert body["service_counts"][0]["online"] == 80


def test_unknown_agencies_and_agencies_without_published_figures_are_404(client):
    make_agency("Sở Chưa có số liệu")

    for slug in ("khong-co", "so-chua-co-so-lieu"):
        response = get(client, f"/agencies/{slug}")
        assert response.status_code == 404
        assert response.json() == {"detail": f"No agency with published figures has the slug “{slug}”."}


def test_service_counts_with_their_figures_and_filters(client):
    health = make_agency("Sở Y tế")
    justice = make_agency("Sở Tư pháp")
    make_service_count(
        health,
        date(2024, 6, 30),
        period_label="6 tháng đầu năm 2024",
        total_procedures=120,
        fully_online=55,
        partly_online=30,
        level_3=None,
        level_4=None,
        files_received=1000,
        files_early=300,
        files_on_time=650,
        files_late=50,
        source="Báo cáo số 45/BC-SYT",
    )
    make_service_count(health, date(2023, 12, 31))
    make_service_count(justice, date(2024, 12, 31), total_procedures=90, level_3=20, level_4=10)

    body = ok(client, "/service-counts")

    assert body["count"] == 3
    assert [(item["agency"], item["as_of"]) for item in body["results"]] == [
        (justice.slug, "2024-12-31"),
        (health.slug, "2024-06-30"),
        (health.slug, "2023-12-31"),
    ]
    assert body["results"][1] == {
        "agency": health.slug,
        "as_of": "2024-06-30",
        "period": "6 tháng đầu năm 2024",
        "total_procedures": 120,
        "online": 85,
        "online_share": 70.83,
        "fully_online": 55,
        "partly_online": 30,
        "level_3": None,
        "level_4": None,
        "files_received": 1000,
        "files_early": 300,
        "files_on_time": 650,
        "files_late": 50,
        "source": "Báo cáo số 45/BC-SYT",
    }
    assert [item["as_of"] for item in ok(client, "/service-counts", agency=health.slug)["results"]] == [
        "2024-06-30",
        "2023-12-31",
    ]
    assert [item["agency"] for item in ok(client, "/service-counts", year=2024)["results"]] == [
        justice.slug,
        health.slug,
    ]
    assert ok(client, "/service-counts", year=2024, agency=health.slug)["count"] == 1


# Drafts -----------------------------------------------------------------------------------------


def test_drafts_are_invisible_on_every_endpoint(client):
    published = make_edition(2022)
    draft = make_edition(2023, live=False)
    shared = make_agency("Sở Công khai")
    secret = make_agency("Sở Chỉ có bản nháp")
    count_only = make_agency("Sở Chỉ có số liệu nháp")
    add_result(published, shared, "80")
    add_result(draft, shared, "95")
    add_result(draft, secret, "99")  # would outrank `shared` if drafts counted
    make_service_count(shared, date(2024, 1, 1), live=False)
    make_service_count(count_only, date(2024, 1, 1), live=False)

    assert [item["slug"] for item in ok(client, "/editions")["results"]] == [published.slug]
    assert get(client, f"/editions/{draft.slug}").status_code == 404
    results = ok(client, "/results")["results"]
    assert [(row["edition"]["slug"], row["agency"]["slug"], row["rank"]) for row in results] == [
        (published.slug, shared.slug, 1)
    ]
    assert ok(client, "/results", edition=draft.slug)["count"] == 0
    assert ok(client, "/results", year=2023)["count"] == 0
    assert ok(client, "/results", agency=secret.slug)["count"] == 0
    assert [item["slug"] for item in ok(client, "/agencies")["results"]] == [shared.slug]
    assert get(client, f"/agencies/{secret.slug}").status_code == 404
    assert get(client, f"/agencies/{count_only.slug}").status_code == 404
    detail = ok(client, f"/agencies/{shared.slug}")
    assert [row["edition"]["slug"] for row in detail["history"]] == [published.slug]
    assert detail["service_counts"] == []
    assert ok(client, "/service-counts")["count"] == 0


# Parameters and the schema ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/editions", "/editions/chi-so-cchc-2023", "/results", "/agencies", "/agencies/so-1", "/service-counts"],
)
def test_an_unknown_parameter_is_400_and_named(client, path):
    edition = make_edition(2023)
    ranking(edition, ["90"])

    response = get(client, path, nam=2023)

    assert response.status_code == 400
    assert response.json()["detail"].startswith("Unknown parameters: nam.")


@pytest.mark.parametrize(
    ("path", "parameter", "value"),
    [
        ("/results", "year", "abc"),
        ("/results", "min_index", "200"),
        ("/results", "max_index", "-1"),
        ("/results", "min_index", "abc"),
        ("/results", "kind", "xyz"),
        ("/results", "sort", "bad"),
        ("/results", "page", "0"),
        ("/results", "page", "abc"),
        ("/results", "page_size", "101"),
        ("/results", "page_size", "0"),
        ("/editions", "page", "-1"),
        ("/agencies", "kind", "xyz"),
        ("/service-counts", "year", "2024a"),
    ],
)
def test_a_malformed_value_is_400_naming_the_parameter(client, path, parameter, value):
    response = get(client, path, **{parameter: value})

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Invalid parameters"
    assert [error["parameter"] for error in body["errors"]] == [parameter]
    assert body["errors"][0]["problem"]


def test_the_openapi_schema_documents_every_endpoint(client):
    schema = ok(client, "/openapi.json")

    expected = {
        "/api/v1/editions": "list",
        "/api/v1/editions/{slug}": "detail",
        "/api/v1/results": "list",
        "/api/v1/agencies": "list",
        "/api/v1/agencies/{slug}": "detail",
        "/api/v1/service-counts": "list",
    }
    for path, shape in expected.items():
        operation = schema["paths"][path]["get"]
        assert operation["summary"]
        assert operation["description"]
        assert {"200", "400", "404"} <= set(operation["responses"])
        if shape == "list":
            assert {"page", "page_size"} <= {parameter["name"] for parameter in operation["parameters"]}
    result_parameters = {
        parameter["name"] for parameter in schema["paths"]["/api/v1/results"]["get"]["parameters"]
    }
    assert result_parameters == {
        "page",
        "page_size",
        "year",
        "edition",
        "series",
        "agency",
        "kind",
        "band",
        "min_index",
        "max_index",
        "sort",
    }
    assert "/api/v1/visits/summary" in schema["paths"]
