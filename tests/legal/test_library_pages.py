"""/van-ban/: lists, filters, sorting, paging and permalinks; the document page; the feed; the sitemap.

Drafts appear nowhere; expired documents stay listed, marked as such, and can be filtered.
"""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.legal.models import DocumentRelation, RelationKind, Validity
from tests.factories import publish_article
from tests.helpers import sitemap_text
from tests.legal.helpers import add_document, field, form, issuer, wagtail_file

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC)


def titles(response) -> list[str]:
    return re.findall(r'class="document-card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


@pytest.fixture
def documents(library):
    plan = form("Kế hoạch", "ke-hoach", "KH")
    department = issuer("Sở Khoa học và Công nghệ", "so-khoa-hoc-va-cong-nghe")
    return {
        "decision": add_document(library, number="57/QĐ-UBND", field=field(), files=[wagtail_file("57.pdf")]),
        "plan": add_document(
            library,
            number="97/KH-SKHCN",
            form=plan,
            issuer=department,
            issued_on=datetime.date(2023, 12, 28),
            expires_on=datetime.date(2024, 12, 31),
            abstract="Cải cách hành chính năm 2024 của Sở.",
        ),
        "check": add_document(
            library,
            number="75/KH-SKHCN",
            form=plan,
            issuer=department,
            issued_on=datetime.date(2024, 7, 31),
            validity=Validity.PARTLY_EXPIRED,
            abstract="Kiểm tra công tác cải cách hành chính năm 2024.",
        ),
        "draft": add_document(library, number="99/QĐ-UBND", publish=False, abstract="Bản nháp chưa duyệt."),
    }


@time_machine.travel(TODAY, tick=False)
def test_the_list_shows_published_documents_newest_first_with_their_status(client, documents):
    response = client.get("/van-ban/")
    assert response.status_code == 200
    assert titles(response) == ["Kế hoạch 75/KH-SKHCN", "Quyết định 57/QĐ-UBND", "Kế hoạch 97/KH-SKHCN"]
    html = response.content.decode()
    assert "99/QĐ-UBND" not in html and "Bản nháp" not in html
    assert "Hết hiệu lực một phần" in html and "Hết hiệu lực" in html and "Còn hiệu lực" in html
    assert re.search(r'download="57[^"]*\.pdf"', html)


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hinh-thuc=ke-hoach", ["Kế hoạch 75/KH-SKHCN", "Kế hoạch 97/KH-SKHCN"]),
        ("co-quan-ban-hanh=ubnd-tinh", ["Quyết định 57/QĐ-UBND"]),
        ("linh-vuc=cai-cach-hanh-chinh", ["Quyết định 57/QĐ-UBND"]),
        ("nam=2023", ["Kế hoạch 97/KH-SKHCN"]),
        ("hieu-luc=het-hieu-luc", ["Kế hoạch 97/KH-SKHCN"]),
        ("hieu-luc=het-hieu-luc-mot-phan", ["Kế hoạch 75/KH-SKHCN"]),
        ("hieu-luc=con-hieu-luc", ["Quyết định 57/QĐ-UBND"]),
        ("hieu-luc=chua-co-hieu-luc", []),
        ("sap-xep=cu-nhat", ["Kế hoạch 97/KH-SKHCN", "Quyết định 57/QĐ-UBND", "Kế hoạch 75/KH-SKHCN"]),
        ("hinh-thuc=ke-hoach&sap-xep=cu-nhat", ["Kế hoạch 97/KH-SKHCN", "Kế hoạch 75/KH-SKHCN"]),
        ("hinh-thuc=quyet-dinh&nam=2023", []),
        ("utm_source=zalo", ["Kế hoạch 75/KH-SKHCN", "Quyết định 57/QĐ-UBND", "Kế hoạch 97/KH-SKHCN"]),
    ],
)
def test_every_filter_and_sort_is_a_permalink(client, documents, query, expected):
    response = client.get(f"/van-ban/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


@time_machine.travel(TODAY, tick=False)
def test_pages_of_the_list_keep_the_filters(client, library):
    plan = form("Kế hoạch", "ke-hoach", "KH")
    for number in range(1, 26):
        add_document(library, number=f"{number}/KH-UBND", form=plan)
    first = client.get("/van-ban/?hinh-thuc=ke-hoach")
    html = first.content.decode()
    assert "25 văn bản" in html and len(titles(first)) == 20
    assert 'href="?hinh-thuc=ke-hoach&amp;page=2"' in html
    assert '<input type="hidden" name="hinh-thuc" value="ke-hoach">' in html  # the go-to-page form
    second = client.get("/van-ban/?hinh-thuc=ke-hoach&page=2")
    assert len(titles(second)) == 5
    assert (
        '<link rel="canonical" href="http://localhost/van-ban/?hinh-thuc=ke-hoach&amp;page=2">'
        in second.content.decode()
    )
    tracked = client.get("/van-ban/?utm_source=zalo&sap-xep=cu-nhat").content.decode()
    assert '<link rel="canonical" href="http://localhost/van-ban/?sap-xep=cu-nhat">' in tracked


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("hinh-thuc=khong-co", 400, "Không có hình thức văn bản “khong-co”."),
        ("co-quan-ban-hanh=x", 400, "Không có cơ quan ban hành “x”."),
        ("linh-vuc=x", 400, "Không có lĩnh vực “x”."),
        ("nam=hai-nghin", 400, "“hai-nghin” không phải giá trị hợp lệ của “nam”."),
        ("nam=99999", 400, "“99999” không phải giá trị hợp lệ của “nam”."),
        ("hieu-luc=con", 400, "“con” không phải là một tình trạng hiệu lực."),
        ("sap-xep=ten", 400, "“ten” không phải là một cách sắp xếp."),
        ("page=abc", 400, "“abc” không phải là số trang."),
        ("page=0", 400, "“0” không phải là số trang."),
        ("page=9", 404, "Không có trang 9: danh sách này có 1 trang."),
        ("hinh-thuc=%00", 400, "Không có hình thức văn bản"),
    ],
)
def test_a_bad_parameter_gets_a_vietnamese_message_never_a_server_error(
    client, documents, query, status, message
):
    response = client.get(f"/van-ban/?{query}")
    assert response.status_code == status
    assert message in response.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_the_document_page_shows_every_field_its_files_relations_and_status(client, library, documents):
    amending = add_document(
        library,
        number="30/KH-SKHCN",
        form=documents["plan"].form,
        issuer=documents["plan"].issuer,
        issued_on=datetime.date(2024, 3, 15),
        signer="Phó Giám đốc Sở",
        abstract="Sửa đổi Kế hoạch 97/KH-SKHCN.",
        relations=[DocumentRelation(kind=RelationKind.AMENDS, target=documents["plan"], note="Mục II")],
    )
    replacing = add_document(
        library,
        number="58/QĐ-UBND",
        issued_on=datetime.date(2025, 2, 1),
        relations=[DocumentRelation(kind=RelationKind.REPLACES, target=documents["decision"])],
    )
    html = client.get(documents["decision"].url).content.decode()
    assert "<h1>Quyết định 57/QĐ-UBND</h1>" in html
    for text in (
        "Số, ký hiệu",
        "Hình thức văn bản",
        "Cơ quan ban hành",
        "Ngày ban hành",
        "25/01/2024",
        "Lĩnh vực",
    ):
        assert text in html
    assert re.search(
        r'<a class="file-link" href="/documents/\d+/57[^"]*\.pdf" download="57[^"]*\.pdf">Tải về ', html
    )
    assert "Bị thay thế bởi" in html and f'href="{replacing.url}"' in html
    assert 'class="status status--het-hieu-luc"' in html  # replaced by a document in force

    plan = client.get(documents["plan"].url).content.decode()
    assert "Được sửa đổi, bổ sung bởi" in plan and f'href="{amending.url}"' in plan and "Mục II" in plan
    amend = client.get(amending.url).content.decode()
    assert "Sửa đổi, bổ sung" in amend and f'href="{documents["plan"].url}"' in amend
    assert "Người ký" in amend and "Phó Giám đốc Sở" in amend


def test_a_draft_has_no_public_page(client, documents):
    assert client.get("/van-ban/99-qd-ubnd-2024/").status_code == 404


@time_machine.travel(TODAY, tick=False)
def test_the_feed_lists_new_published_documents_with_their_status(client, documents):
    response = client.get("/van-ban/rss/")
    assert response.status_code == 200
    xml = response.content.decode()
    assert xml.count("<item>") == 3
    assert "Quyết định 57/QĐ-UBND: Công bố kết quả" in xml
    assert "Tình trạng hiệu lực: Hết hiệu lực." in xml
    assert "99/QĐ-UBND" not in xml


def test_the_sitemap_lists_the_library_and_published_documents_only(client, documents):
    xml = sitemap_text(client)
    assert "/van-ban/</loc>" in xml and "/van-ban/57-qd-ubnd-2024/</loc>" in xml
    assert "99-qd-ubnd" not in xml


def test_the_english_pages_translate_the_interface_not_the_documents(client, documents):
    html = client.get("/en/van-ban/57-qd-ubnd-2024/").content.decode()
    assert "Number and symbol" in html and "Công bố kết quả" in html


def test_the_list_is_kept_through_news_and_renewed_by_a_document(client, documents, news_index):
    """The library shows no article: an article's publish leaves it kept, a document's renews it."""
    client.get("/van-ban/")
    publish_article(news_index, title="Sở triển khai Kế hoạch 97/KH-SKHCN")
    with CaptureQueriesContext(connection) as queries:
        kept = client.get("/van-ban/")
    assert titles(kept) == titles(client.get("/van-ban/"))
    # The list is not read again (a new article renews its count, as any new page does).
    assert not [query for query in queries if '"legal_legaldocumentpage"."number"' in query["sql"]]

    add_document(documents["decision"].get_parent(), number="12/QĐ-UBND", abstract="Quyết định mới ban hành.")
    assert "Quyết định mới ban hành." in client.get("/van-ban/").content.decode()
