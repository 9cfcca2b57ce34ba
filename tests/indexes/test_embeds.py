"""Embed pages (…/nhung/<chart>/): the chart, its table, the source and a link back, framable by any
site while every other page keeps refusing frames."""

import re
from datetime import date

import pytest

from tests.indexes.factories import add_result, make_agency, make_edition, make_service_count

pytestmark = pytest.mark.django_db

BASE = "/chi-so-cai-cach-hanh-chinh/"


@pytest.fixture
def edition(indexes_page):
    edition = make_edition(
        2023,
        decision_number="57/QĐ-UBND",
        decision_issuer="UBND tỉnh Quảng Trị",
        publisher="UBND tỉnh Quảng Trị",
    )
    add_result(edition, make_agency("Sở Khoa học và Công nghệ"), "83.45", scores={"Cải cách thể chế": "30"})
    add_result(edition, make_agency("Sở Nội vụ"), "90.02")
    return edition


def test_an_embed_page_shows_the_chart_its_table_the_source_and_a_link_back(client, edition):
    response = client.get(f"{BASE}chi-so-cchc-2023/nhung/chi-so/?loai=department")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html
    assert re.search(r"<th scope=\"row\">1</th><td>Sở Nội vụ</td>", html)
    assert "Nguồn: Quyết định 57/QĐ-UBND của UBND tỉnh Quảng Trị" in html
    assert (
        'href="http://testserver/chi-so-cai-cach-hanh-chinh/chi-so-cchc-2023/?loai=department" target="_blank"'
        in html
    )
    assert "<script" not in html and "<form" not in html


def test_only_embed_pages_may_be_framed_by_other_sites_and_they_set_no_cookie(client, edition):
    embed = client.get(f"{BASE}chi-so-cchc-2023/nhung/chi-so/")
    page = client.get(f"{BASE}chi-so-cchc-2023/")

    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert "script-src 'self'" in embed["Content-Security-Policy"]  # the rest of the policy stays
    assert embed.cookies == {}
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'self'" in page["Content-Security-Policy"]


def test_every_chart_has_an_embed_page_and_the_data_pages_offer_the_iframe_code(client, edition):
    agency = client.get(f"{BASE}co-quan/so-khoa-hoc-va-cong-nghe/").content.decode()
    assert (
        '&lt;iframe src="http://testserver/chi-so-cai-cach-hanh-chinh/co-quan/so-khoa-hoc-va-cong-nghe/'
        'nhung/qua-cac-nam/" title="Chỉ số và thứ hạng của Sở Khoa học và Công nghệ qua các năm"' in agency
    )
    for path in [
        "co-quan/so-khoa-hoc-va-cong-nghe/nhung/qua-cac-nam/",
        "co-quan/so-khoa-hoc-va-cong-nghe/nhung/diem-thanh-phan/",
        "so-sanh/nhung/chi-so/?co-quan=so-khoa-hoc-va-cong-nghe&co-quan=so-noi-vu",
        "chi-so-cchc-2023/nhung/chi-so/?ngay=2024-06-01",
    ]:
        response = client.get(BASE + path)
        assert response.status_code == 200, path
        assert "<table>" in response.content.decode(), path
    assert client.get(f"{BASE}chi-so-cchc-2023/nhung/khong-co/").status_code == 404
    assert client.get(f"{BASE}chi-so-cchc-2023/nhung/chi-so/?ngay=hom-qua").status_code == 400


def test_a_table_no_chart_draws_has_an_embed_page_too(client, edition):
    """An edition's mean and median, an agency's service counts: the table, the source, the link back."""
    make_service_count(edition.results.get(agency__name="Sở Nội vụ").agency, date(2024, 6, 30))
    page = client.get(f"{BASE}chi-so-cchc-2023/").content.decode()
    assert (
        '&lt;iframe src="http://testserver/chi-so-cai-cach-hanh-chinh/chi-so-cchc-2023/nhung/thong-ke/"'
        in page
    )
    summary = client.get(f"{BASE}chi-so-cchc-2023/nhung/thong-ke/?ngay=2024-06-01")
    html = summary.content.decode()
    assert summary.status_code == 200 and "frame-ancestors *" in summary["Content-Security-Policy"]
    assert "<svg" not in html and "<script" not in html
    assert "Chỉ số trung bình" in html and "86,74" in html  # (83,45 + 90,02) / 2
    assert "Số liệu tại ngày 01/06/2024." in html
    services = client.get(f"{BASE}co-quan/so-noi-vu/nhung/dich-vu-cong/").content.decode()
    assert "<table>" in services and "Sở Nội vụ" in services
    # A table a chart draws is embedded with its chart, not alone.
    assert client.get(f"{BASE}chi-so-cchc-2023/nhung/xep-hang/").status_code == 404
