"""The Atom feed of figure events, for the section and per agency, linked from the data pages."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import timezone

from indexes.models import Correction, IndexEdition
from tests.indexes.factories import add_result, make_agency, make_edition, make_service_count

pytestmark = pytest.mark.django_db

BASE = "/chi-so-cai-cach-hanh-chinh/"
ATOM = "{http://www.w3.org/2005/Atom}"


def at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(9)))


def entries(response) -> list[tuple[str, str]]:
    feed = ET.fromstring(response.content)
    return [
        (entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}updated")[:10])
        for entry in feed.iter(f"{ATOM}entry")
    ]


@pytest.fixture
def events(indexes_page):
    edition = make_edition(2023)
    IndexEdition.objects.filter(pk=edition.pk).update(first_published_at=at("2024-01-25"))
    khcn, noi_vu = make_agency("Sở Khoa học và Công nghệ"), make_agency("Sở Nội vụ")
    result = add_result(edition, khcn, "83.45")
    add_result(edition, noi_vu, "90.02")
    result.index_value = Decimal("83.54")
    result.save()
    Correction.objects.update(corrected_at=at("2024-03-10"))
    count = make_service_count(noi_vu, datetime.date(2024, 6, 30), period_label="6 tháng đầu năm 2024")
    type(count).objects.filter(pk=count.pk).update(first_published_at=at("2024-07-05"))
    make_edition(2024, live=False)  # a draft: no event
    return khcn


def test_the_section_feed_lists_every_event_newest_first(client, events):
    response = client.get(f"{BASE}thay-doi/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert entries(response) == [
        ("Dịch vụ công trực tuyến của Sở Nội vụ, 6 tháng đầu năm 2024", "2024-07-05"),
        ("Đính chính: Sở Khoa học và Công nghệ trong Chỉ số CCHC năm 2023", "2024-03-10"),
        ("Đã công bố: Chỉ số CCHC năm 2023", "2024-01-25"),
    ]
    assert "Chỉ số (%): 83,45 → 83,54" in response.content.decode()


def test_an_agency_feed_has_only_its_events_and_the_pages_link_to_the_feeds(client, events):
    response = client.get(f"{BASE}co-quan/so-khoa-hoc-va-cong-nghe/thay-doi/atom/")
    assert [title for title, _ in entries(response)] == [
        "Đính chính: Sở Khoa học và Công nghệ trong Chỉ số CCHC năm 2023",
        "Đã công bố: Chỉ số CCHC năm 2023",
    ]
    assert client.get(f"{BASE}co-quan/khong-co/thay-doi/atom/").status_code == 404

    agency_page = client.get(f"{BASE}co-quan/so-khoa-hoc-va-cong-nghe/").content.decode()
    assert (
        f'<link rel="alternate" type="application/atom+xml" href="{BASE}co-quan/so-khoa-hoc-va-cong-nghe/thay-doi/atom/"'
        in agency_page
    )
    assert 'href="/nhan-tin/?co-quan=so-khoa-hoc-va-cong-nghe"' in agency_page
    for path in ["", "chi-so-cchc-2023/"]:
        assert f'href="{BASE}thay-doi/atom/"' in client.get(BASE + path).content.decode()
