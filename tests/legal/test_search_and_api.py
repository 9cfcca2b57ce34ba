"""Documents are found by number in any spelling and by words, in the site search and the public API;
drafts never, expired documents with their status."""

import datetime

import pytest
from django.test import override_settings

from portal.legal.models import DocumentRelation, RelationKind, Validity
from tests.factories import publish_article
from tests.legal.helpers import add_document, field, form, issuer, wagtail_file

pytestmark = pytest.mark.django_db
API = "/api/v1/documents"


@pytest.fixture
def documents(library):
    plan = form("Kế hoạch", "ke-hoach", "KH")
    department = issuer("Sở Khoa học và Công nghệ", "so-khoa-hoc-va-cong-nghe")
    decision = add_document(library, field=field(), files=[wagtail_file("qd57.pdf")])
    return {
        "decision": decision,
        "older": add_document(
            library, issued_on=datetime.date(2023, 3, 2), abstract="Quy chế làm việc của Ủy ban."
        ),
        "plan": add_document(
            library,
            number="97/KH-SKHCN",
            form=plan,
            issuer=department,
            issued_on=datetime.date(2023, 12, 28),
            validity=Validity.EXPIRED,
            abstract="Cải cách hành chính năm 2024 của Sở Khoa học và Công nghệ.",
            full_text="<p>Rà soát, đơn giản hóa thủ tục hành chính về đo lường chất lượng.</p>",
            relations=[DocumentRelation(kind=RelationKind.AMENDS, target=decision, note="Điều 2")],
        ),
        "draft": add_document(
            library, number="99/QĐ-UBND", publish=False, abstract="Công bố kết quả bí mật."
        ),
    }


def found(client, q, **params):
    response = client.get("/tim-kiem/", {"q": q, **params})
    assert response.status_code == 200
    return [hit.document.number for hit in response.context["results"].documents]


@pytest.mark.parametrize(
    "q", ["57/QĐ-UBND", "57/QD-UBND", "57 / QĐ - UBND", "số 57/qđ-ubnd", "qd 57", "QĐ 57 UBND"]
)
def test_the_site_search_finds_a_document_by_its_number_in_any_spelling(client, documents, q):
    assert found(client, q) == ["57/QĐ-UBND", "57/QĐ-UBND"]


def test_a_year_in_the_words_or_the_filter_narrows_to_one(client, documents):
    assert found(client, "qd 57 2024") == ["57/QĐ-UBND"]
    assert found(client, "57/QD-UBND", nam="2023") == ["57/QĐ-UBND"]
    assert [hit.document.issued_on.year for hit in found_hits(client, "57/QD-UBND", nam="2023")] == [2023]


def found_hits(client, q, **params):
    return client.get("/tim-kiem/", {"q": q, **params}).context["results"].documents


def test_words_of_the_abstract_and_full_text_find_documents_with_or_without_diacritics(client, documents):
    assert found(client, "cải cách hành chính khoa học") == ["97/KH-SKHCN"]
    assert found(client, "cai cach hanh chinh khoa hoc") == ["97/KH-SKHCN"]
    assert found(client, "cong bo ket qua") == ["57/QĐ-UBND"]
    assert found(client, "do luong chat luong") == ["97/KH-SKHCN"]  # the full text


def test_drafts_are_never_found_and_expired_documents_are_shown_as_such(client, documents):
    assert found(client, "99/QĐ-UBND") == []
    assert found(client, "bi mat") == []
    html = client.get("/tim-kiem/", {"q": "97/KH-SKHCN"}).content.decode()
    assert "Hết hiệu lực" in html and "/van-ban/97-kh-skhcn-2023/" in html


def test_the_documents_group_pages_through_every_match(client, library):
    for number in range(1, 26):
        add_document(library, number=f"{number}/QĐ-UBND", abstract=f"Quy chế làm việc số {number}.")
    first = client.get("/tim-kiem/", {"q": "quy che lam viec", "nhom": "van-ban"})
    assert first.context["results"].document_count == 25 and len(first.context["results"].documents) == 20
    second = client.get("/tim-kiem/", {"q": "quy che lam viec", "nhom": "van-ban", "trang": "2"})
    assert len(second.context["results"].documents) == 5
    assert client.get("/tim-kiem/", {"q": "quy che", "nhom": "van-ban", "trang": "3"}).status_code == 400


def test_filters_documents_do_not_have_leave_them_out(client, documents, reform_category, news_index):
    publish_article(news_index, categories=[reform_category])
    assert found(client, "57/QD-UBND", **{"chuyen-muc": reform_category.slug}) == []


def test_the_search_api_has_a_documents_group(client, documents):
    body = client.get("/api/v1/search", {"q": "qd 57 2024"}).json()
    assert body["documents"]["count"] == 1
    (hit,) = body["documents"]["results"]
    assert hit["number"] == "57/QĐ-UBND" and hit["status"] == "con-hieu-luc"
    assert hit["url"] == "http://testserver/van-ban/57-qd-ubnd-2024/"


# The documents API --------------------------------------------------------------------------------


def numbers_of(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["number"] for row in response.json()["results"]]


def test_the_api_lists_published_documents_newest_first(client, documents):
    body = client.get(API).json()
    assert body["count"] == 3 and body["page"] == 1
    assert [(row["number"], row["issued_on"]) for row in body["results"]] == [
        ("57/QĐ-UBND", "2024-01-25"),
        ("97/KH-SKHCN", "2023-12-28"),
        ("57/QĐ-UBND", "2023-03-02"),
    ]
    first = body["results"][0]
    assert first["form"] == {"slug": "quyet-dinh", "name": "Quyết định"}
    assert first["status"] == "con-hieu-luc" and first["status_label"] == "Còn hiệu lực"
    assert first["files"][0]["extension"] == "pdf" and first["files"][0]["url"].startswith(
        "http://testserver/documents/"
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"hinh-thuc": "ke-hoach"}, ["97/KH-SKHCN"]),
        ({"co-quan-ban-hanh": "ubnd-tinh", "nam": "2023"}, ["57/QĐ-UBND"]),
        ({"linh-vuc": "cai-cach-hanh-chinh"}, ["57/QĐ-UBND"]),
        ({"hieu-luc": "het-hieu-luc"}, ["97/KH-SKHCN"]),
        ({"sap-xep": "cu-nhat"}, ["57/QĐ-UBND", "97/KH-SKHCN", "57/QĐ-UBND"]),
        ({"q": "57/QD-UBND"}, ["57/QĐ-UBND", "57/QĐ-UBND"]),
        ({"q": "qd 57 2024"}, ["57/QĐ-UBND"]),
        ({"q": "cai cach 2024", "hieu-luc": "het-hieu-luc"}, ["97/KH-SKHCN"]),
        ({"q": "khong co gi"}, []),
        ({"q": "99/QĐ-UBND"}, []),
        ({"page_size": "1", "page": "2"}, ["97/KH-SKHCN"]),
    ],
)
def test_the_api_filters_as_the_page_does(client, documents, params, expected):
    assert numbers_of(client.get(API, params)) == expected


@pytest.mark.parametrize(
    ("params", "status", "text"),
    [
        ({"hinh_thuc": "ke-hoach"}, 400, "Unknown parameters: hinh_thuc"),
        ({"hinh-thuc": "khong-co"}, 400, "Không có hình thức văn bản"),
        ({"nam": "abc"}, 400, "nam"),
        ({"hieu-luc": "con"}, 400, "hieu-luc"),
        ({"page": "9"}, 404, "beyond the last page"),
        ({"page_size": "1000"}, 400, "page_size"),
    ],
)
def test_the_api_refuses_bad_parameters_with_a_400_naming_them(client, documents, params, status, text):
    response = client.get(API, params)
    assert response.status_code == status
    assert text in str(response.json())


def test_one_document_with_relations_and_citations(client, documents, news_index):
    publish_article(
        news_index,
        title="Hội nghị CCHC",
        body=[{"type": "paragraph", "value": "<p>Theo 57/QĐ-UBND ngày 25/01/2024.</p>"}],
    )
    body = client.get(f"{API}/{documents['decision'].pk}").json()
    assert body["number"] == "57/QĐ-UBND" and body["number_key"] == "57/qd-ubnd"
    assert [row["number"] for row in body["amended_by"]] == ["97/KH-SKHCN"]
    assert body["amended_by"][0]["note"] == "Điều 2"
    assert [(row["kind"], row["title"]) for row in body["cited_by"]] == [("news", "Hội nghị CCHC")]
    plan = client.get(f"{API}/{documents['plan'].pk}").json()
    assert "đo lường chất lượng" in plan["full_text_html"] and plan["status"] == "het-hieu-luc"


def test_a_draft_or_missing_document_is_a_404(client, documents):
    assert client.get(f"{API}/{documents['draft'].pk}").status_code == 404
    assert client.get(f"{API}/999999").status_code == 404
    assert client.get(f"{API}/{documents['decision'].pk}", {"x": "1"}).status_code == 400


def test_the_openapi_schema_documents_the_endpoints_and_their_parameters(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/documents", "/api/v1/documents/{document_id}"} <= set(schema["paths"])
    names = {parameter["name"] for parameter in schema["paths"]["/api/v1/documents"]["get"]["parameters"]}
    assert {
        "q",
        "hinh-thuc",
        "co-quan-ban-hanh",
        "linh-vuc",
        "nam",
        "hieu-luc",
        "sap-xep",
        "page",
        "page_size",
    } <= names


@override_settings(SEARCH_RETRY_SECONDS=30)
def test_a_failing_search_engine_is_a_503_for_q_only(client, documents, monkeypatch):
    from portal.legal import search
    from portal.search import availability

    class EngineDown(Exception):
        pass

    def down(*args, **kwargs):
        raise EngineDown("connection refused")

    monkeypatch.setattr(availability, "engine_errors", lambda: (EngineDown,))
    monkeypatch.setattr(search, "engine_matches", down)
    try:
        response = client.get(API, {"q": "cai cach"})
        assert response.status_code == 503 and response["Retry-After"]
        assert client.get(API, {"hinh-thuc": "ke-hoach"}).status_code == 200  # no engine involved
    finally:
        availability.reset()


@override_settings(SEARCH_API_RATE_PER_MINUTE=2)
def test_searching_documents_too_often_is_a_429_listing_them_is_not(client, documents):
    assert [client.get(API, {"q": "cai cach"}).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(API, {"q": "cai cach"})["Retry-After"] == "60"
    assert client.get(API, {"hinh-thuc": "ke-hoach"}).status_code == 200
