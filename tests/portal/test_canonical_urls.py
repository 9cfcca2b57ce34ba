"""Every view of a routable page names itself as canonical (and in og:url), not the page it belongs to:
its own path, and of the query string only what chooses its content, never tracking or unknown
parameters."""

import re
from datetime import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from indexes.models import ClassificationBand, IndexesPage
from tests.factories import publish_article
from tests.indexes.factories import AgencyFactory, IndexEditionFactory, ResultFactory

pytestmark = pytest.mark.django_db

SITE = "http://localhost"
TRACKING = "utm_source=zalo&utm_medium=share&fbclid=IwAR0abc&gclid=xyz&khong-biet=1"


def canonical_and_og_url(response) -> tuple[str, str]:
    html = response.content.decode()
    [canonical] = re.findall(r'<link rel="canonical" href="([^"]*)">', html)
    [og_url] = re.findall(r'<meta property="og:url" content="([^"]*)">', html)
    return canonical.replace("&amp;", "&"), og_url.replace("&amp;", "&")


@pytest.fixture
def site(home_page, news_index, reform_category):
    for day in range(1, 13):  # two pages of news
        publish_article(
            news_index,
            title=f"Tin cải cách hành chính ngày {day}",
            categories=[reform_category],
            tags=["Chỉ số CCHC"],
            first_published_at=timezone.make_aware(datetime(2024, 4, day, 9)),
        )
    indexes = IndexesPage(title="Chỉ số cải cách hành chính", slug="chi-so-cai-cach-hanh-chinh")
    home_page.add_child(instance=indexes)
    edition = IndexEditionFactory(title="Chỉ số CCHC 2023", slug="chi-so-2023", year=2023)
    ClassificationBand.objects.create(edition=edition, name="Khá", min_index=Decimal("0"), sort_order=0)
    for name, value in (("Sở Khoa học và Công nghệ", "83.45"), ("Sở Nội vụ", "90.02")):
        ResultFactory(edition=edition, agency=AgencyFactory(name=name), index_value=Decimal(value))


INDEXES = "/chi-so-cai-cach-hanh-chinh/"


VIEWS = [
    # News: the listing's pages, a category, a tag, the archive by year and by month.
    ("/tin-tuc/", "/tin-tuc/"),
    ("/tin-tuc/?page=1", "/tin-tuc/"),
    ("/tin-tuc/?page=2", "/tin-tuc/?page=2"),
    ("/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/", "/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/"),
    (
        "/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/?page=2",
        "/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/?page=2",
    ),
    ("/tin-tuc/the/chi-so-cchc/", "/tin-tuc/the/chi-so-cchc/"),
    ("/tin-tuc/luu-tru/2024/", "/tin-tuc/luu-tru/2024/"),
    ("/tin-tuc/luu-tru/2024/4/", "/tin-tuc/luu-tru/2024/4/"),
    # Reform indexes: the section, an edition (its filters and order are its content), the agency
    # list (by kind), an agency, a comparison (its agencies and edition).
    (INDEXES, INDEXES),
    (f"{INDEXES}chi-so-2023/", f"{INDEXES}chi-so-2023/"),
    (
        f"{INDEXES}chi-so-2023/?xep-loai=Khá&sap-xep=ten&thu-tu=giam",
        f"{INDEXES}chi-so-2023/?xep-loai=Kh%C3%A1&sap-xep=ten&thu-tu=giam",
    ),
    (f"{INDEXES}chi-so-2023/?sap-xep=hang&thu-tu=len", f"{INDEXES}chi-so-2023/"),
    (f"{INDEXES}co-quan/", f"{INDEXES}co-quan/"),
    (f"{INDEXES}co-quan/?loai=department", f"{INDEXES}co-quan/?loai=department"),
    (f"{INDEXES}co-quan/so-khoa-hoc-va-cong-nghe/", f"{INDEXES}co-quan/so-khoa-hoc-va-cong-nghe/"),
    (f"{INDEXES}so-sanh/", f"{INDEXES}so-sanh/"),
    (
        f"{INDEXES}so-sanh/?co-quan=so-noi-vu&co-quan=so-khoa-hoc-va-cong-nghe",
        f"{INDEXES}so-sanh/?co-quan=so-noi-vu&co-quan=so-khoa-hoc-va-cong-nghe",
    ),
    (
        f"{INDEXES}so-sanh/?co-quan=so-noi-vu&co-quan=so-khoa-hoc-va-cong-nghe&ky=chi-so-2023",
        f"{INDEXES}so-sanh/?co-quan=so-noi-vu&co-quan=so-khoa-hoc-va-cong-nghe&ky=chi-so-2023",
    ),
]
# Links shared on Zalo or Facebook come back with tracking parameters (the comparison refuses unknown
# parameters with a 400, so it is not among these).
SHARED = [
    ("/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/", "/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/"),
    ("/tin-tuc/?page=2", "/tin-tuc/?page=2"),
    ("/tin-tuc/the/chi-so-cchc/", "/tin-tuc/the/chi-so-cchc/"),
    ("/tin-tuc/luu-tru/2024/4/", "/tin-tuc/luu-tru/2024/4/"),
    (f"{INDEXES}chi-so-2023/?xep-loai=Khá", f"{INDEXES}chi-so-2023/?xep-loai=Kh%C3%A1"),
    (f"{INDEXES}co-quan/?loai=department", f"{INDEXES}co-quan/?loai=department"),
    (f"{INDEXES}co-quan/so-noi-vu/", f"{INDEXES}co-quan/so-noi-vu/"),
    ("/", "/"),
]


def wrong_canonicals(client, views) -> list[str]:
    """Each view that does not name itself, in canonical and og:url, with the address expected."""
    wrong = []
    for path, canonical in views:
        response = client.get(path)
        if response.status_code != 200:
            wrong.append(f"{path}: status {response.status_code}")
        elif (found := canonical_and_og_url(response)) != (SITE + canonical, SITE + canonical):
            wrong.append(f"{path}: {found}, expected {SITE + canonical}")
    return wrong


def test_each_view_is_its_own_canonical_address(client, site):
    wrong = wrong_canonicals(client, VIEWS)

    assert not wrong, "\n".join(wrong)


def test_tracking_and_unknown_parameters_are_left_out(client, site):
    shared = [(path + ("&" if "?" in path else "?") + TRACKING, canonical) for path, canonical in SHARED]

    wrong = wrong_canonicals(client, shared)

    assert not wrong, "\n".join(wrong)


def test_an_article_and_its_print_view_name_the_article(client, site, news_index):
    article = publish_article(news_index, title="Hội nghị cải cách hành chính năm 2024")

    page = client.get(article.url + "?" + TRACKING)
    printed = client.get(article.url + "ban-in/").content.decode()

    assert canonical_and_og_url(page) == (SITE + article.url, SITE + article.url)
    assert f'<link rel="canonical" href="{SITE}{article.url}">' in printed


def test_english_views_name_their_english_address(client, site):
    # The request activates English for this thread; put back the language the next tests expect.
    with translation.override(translation.get_language()):
        response = client.get("/en/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/?utm_source=x")

    assert canonical_and_og_url(response) == (
        SITE + "/en/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/",
        SITE + "/en/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/",
    )
