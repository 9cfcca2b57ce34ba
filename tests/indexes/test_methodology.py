"""The methodology page of an index series: components and maxima across editions, bands, decisions,
how ranks and changes are derived, the licence. A series is an `IndexSeries`: its publisher and group."""

import pytest

from tests.indexes.factories import make_edition

pytestmark = pytest.mark.django_db

BASE = "/chi-so-cai-cach-hanh-chinh/"
ISSUER = "UBND tỉnh Quảng Trị"


def test_a_series_methodology_sets_its_editions_side_by_side(client, indexes_page):
    make_edition(2022, publisher=ISSUER, decision_number="48/QĐ-UBND")
    make_edition(
        2023,
        publisher=ISSUER,
        decision_number="57/QĐ-UBND",
        components=[("Cải cách thể chế", "40"), ("Chuyển đổi số", "60")],
    )
    make_edition(2023, slug="khac-2023", publisher="UBND tỉnh Khác")  # another series, same group
    make_edition(2024, publisher=ISSUER, live=False)  # a draft: not listed

    edition_page = client.get(f"{BASE}chi-so-cchc-2023/").content.decode()
    url = f"{BASE}phuong-phap/ubnd-tinh-quang-tri-so-ban-nganh-cap-tinh/"
    assert f'href="{url}"' in edition_page
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Phương pháp đánh giá: UBND tỉnh Quảng Trị — Sở, ban, ngành cấp tỉnh" in html
    assert (
        '>2022</a></th><th scope="col" class="num"><a href="/chi-so-cai-cach-hanh-chinh/chi-so-cchc-2023/">2023</a>'
        in html
    )
    assert "khac-2023" not in html and "2024" not in html
    assert '<th scope="row">Chuyển đổi số</th><td class="num">–</td><td class="num">60</td>' in html
    assert "48/QĐ-UBND" in html and "57/QĐ-UBND" in html
    assert "Tốt ≥ 80 %" in html
    assert "cùng hạng 2" in html
    assert 'rel="license">Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)</a>' in html
    assert client.get(f"{BASE}phuong-phap/khong-co/").status_code == 404
