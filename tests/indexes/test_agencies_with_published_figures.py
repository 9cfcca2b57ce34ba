"""Which agencies have published figures: one definition for the agency list, the sitemap and the API.

An agency has published figures when it has a result in a published edition or a published service
count. One with only service counts has a page, so it belongs on the list and in the sitemap too.
"""

from datetime import date

import pytest

from indexes.models import Agency, AgencyKind
from tests.helpers import sitemap_text
from tests.indexes.factories import add_result, make_agency, make_edition, make_section, make_service_count

pytestmark = pytest.mark.django_db

BASE = "/chi-so-cai-cach-hanh-chinh/"


@pytest.fixture
def agencies(home_page):
    """One agency with a published result, one with only a published service count, two with neither."""
    make_section(home_page)
    make_edition(2022, slug="nhap-2022", live=False)
    ranked = make_agency("Sở Tài chính")
    add_result(make_edition(2023), ranked, "80")
    counted = make_agency("Huyện Gio Linh", kind=AgencyKind.DISTRICT)
    make_service_count(counted, date(2024, 6, 30))
    draft_only = make_agency("Sở Chỉ Có Bản Nháp")
    add_result(make_edition(2024, slug="nhap-2024", live=False), draft_only, "99")
    make_service_count(draft_only, date(2024, 6, 30), live=False)
    make_agency("Sở Chưa Có Số Liệu")
    return {"ranked": ranked, "counted": counted, "draft_only": draft_only}


def agency_links(client) -> set[str]:
    body = client.get(f"{BASE}co-quan/").content.decode()
    return {
        slug for slug in Agency.objects.values_list("slug", flat=True) if f"{BASE}co-quan/{slug}/" in body
    }


def test_the_queryset_counts_results_in_live_editions_and_published_service_counts(agencies):
    assert set(Agency.objects.with_published_figures()) == {agencies["ranked"], agencies["counted"]}


def test_an_agency_with_only_a_published_service_count_is_on_the_agency_list(client, agencies):
    assert client.get(f"{BASE}co-quan/{agencies['counted'].slug}/").status_code == 200
    assert agency_links(client) == {agencies["ranked"].slug, agencies["counted"].slug}
    district = client.get(f"{BASE}co-quan/", {"loai": AgencyKind.DISTRICT}).content.decode()
    assert f"{BASE}co-quan/{agencies['counted'].slug}/" in district


def test_an_agency_with_only_a_published_service_count_is_in_the_sitemap(client, agencies):
    sitemap = sitemap_text(client)
    listed = {slug for slug in Agency.objects.values_list("slug", flat=True) if f"co-quan/{slug}/" in sitemap}
    assert listed == {agencies["ranked"].slug, agencies["counted"].slug}


def test_an_agency_with_only_a_published_service_count_is_in_the_api(client, agencies):
    body = client.get("/api/v1/agencies").json()
    assert [item["slug"] for item in body["results"]] == [agencies["counted"].slug, agencies["ranked"].slug]
