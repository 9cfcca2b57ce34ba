"""Restricted articles (a password, logged-in readers, some groups; on the page or an ancestor) appear
in no public list: home, listings, category, tag, archive, feeds, related news, an agency's news,
search, suggestions, the sitemap."""

from datetime import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from indexes.models import IndexesPage
from tests.factories import publish_article
from tests.indexes.factories import AgencyFactory, ResultFactory

pytestmark = pytest.mark.django_db

SECRET = "Biên bản họp nội bộ về nhân sự"
SECRET_LEAD = "Nội dung chỉ dành cho cán bộ trong Sở."
OPEN = "Hội nghị cải cách hành chính công khai"


def restrict(page, kind: str) -> PageViewRestriction:
    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type=kind,
        password="mat-khau-noi-bo" if kind == PageViewRestriction.PASSWORD else "",
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.get(name="Kiểm duyệt viên"))
    return restriction


@pytest.fixture
def agency(home_page):
    page = IndexesPage(title="Chỉ số cải cách hành chính", slug="chi-so-cai-cach-hanh-chinh")
    home_page.add_child(instance=page)
    agency = AgencyFactory(name="Sở Khoa học và Công nghệ")
    ResultFactory(agency=agency)  # published figures: the agency has a public page
    return agency


@pytest.fixture
def articles(news_index, reform_category, agency):
    """An open article and a secret one, alike in category, tag, month and agency."""
    when = timezone.make_aware(datetime(2024, 4, 12, 9))
    shared = {"categories": [reform_category], "tags": ["Nhân sự"], "first_published_at": when}
    opened = publish_article(news_index, title=OPEN, slug="hoi-nghi-cong-khai", **shared)
    secret = publish_article(news_index, title=SECRET, slug="bien-ban-noi-bo", lead=SECRET_LEAD, **shared)
    for article in (opened, secret):
        article.agencies.add(agency)
        article.save()
    return opened, secret


def public_lists(client, opened, agency) -> dict[str, str]:
    """Every public list an article may appear in, as an anonymous reader gets it."""
    paths = {
        "home": "/",
        "listing": "/tin-tuc/",
        "category": "/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/",
        "tag": "/tin-tuc/the/nhan-su/",
        "archive (year)": "/tin-tuc/luu-tru/2024/",
        "archive (month)": "/tin-tuc/luu-tru/2024/4/",
        "feed": "/tin-tuc/rss/",
        "category feed": "/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/rss/",
        "related articles": opened.url,
        "agency page": f"/chi-so-cai-cach-hanh-chinh/co-quan/{agency.slug}/",
        "search": "/tim-kiem/?q=noi+bo+nhan+su",
        "search (the open one)": "/tim-kiem/?q=hoi+nghi",
        "search API": "/api/v1/search?q=noi+bo+nhan+su",
        "suggestions": "/api/v1/search/suggest?q=bien+ban",
        "sitemap": "/sitemap.xml",
        "sitemap file": "/sitemap-trang.xml",
    }
    return {name: client.get(path) for name, path in paths.items()}


def assert_nothing_shows(responses, secret):
    leaks = []
    for name, response in responses.items():
        text = response.content.decode()
        if response.status_code != 200:
            leaks.append(f"{name}: status {response.status_code}")
        # Search marks the words it matched, so titles are not whole there: the address is.
        for telltale in (SECRET, SECRET_LEAD, f"/{secret.slug}/"):
            if telltale in text:
                leaks.append(f"{name}: shows {telltale!r}")
    assert not leaks, "\n".join(leaks)


def test_an_open_article_is_in_every_list(client, articles, agency):
    """The lists the other tests look at do show articles: a list that showed none would prove nothing."""
    opened, secret = articles
    responses = public_lists(client, opened, agency)

    missing = [
        name
        for name, response in responses.items()
        # The sitemap's index names its files, not pages: "sitemap file" lists the pages.
        if name not in ("related articles", "search", "search API", "suggestions", "sitemap")
        and f"/{opened.slug}/" not in response.content.decode()
    ]
    assert not missing
    for name in ("related articles", "search", "search API", "suggestions"):
        assert f"/{secret.slug}/" in responses[name].content.decode(), name


@pytest.mark.parametrize("kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, "groups"])
def test_a_restricted_article_is_in_no_public_list(client, articles, agency, kind):
    opened, secret = articles
    restrict(secret, kind)

    assert_nothing_shows(public_lists(client, opened, agency), secret)
    # The article itself asks for the password or a login.
    response = client.get(secret.url)
    assert response.status_code in (200, 302) and SECRET_LEAD not in response.content.decode()


def test_articles_under_a_restricted_section_are_in_no_list_outside_it(client, articles, agency, news_index):
    _opened, secret = articles
    restrict(news_index, PageViewRestriction.LOGIN)

    responses = {
        name: client.get(path)
        for name, path in {
            "home": "/",
            "agency page": f"/chi-so-cai-cach-hanh-chinh/co-quan/{agency.slug}/",
            "search": "/tim-kiem/?q=noi+bo+nhan+su",
            "search API": "/api/v1/search?q=noi+bo+nhan+su",
            "suggestions": "/api/v1/search/suggest?q=bien+ban",
            "sitemap": "/sitemap.xml",
            "sitemap file": "/sitemap-trang.xml",
        }.items()
    }

    assert_nothing_shows(responses, secret)
    assert OPEN not in responses["home"].content.decode()
    # The section's own lists and feeds ask for a login like the section does.
    for path in ("/tin-tuc/", "/tin-tuc/rss/", "/tin-tuc/the/nhan-su/"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response["Location"], path


def test_a_year_with_only_restricted_articles_is_not_offered(client, news_index):
    publish_article(news_index, title=OPEN, first_published_at=timezone.make_aware(datetime(2024, 4, 1)))
    secret = publish_article(
        news_index, title=SECRET, first_published_at=timezone.make_aware(datetime(2019, 4, 1))
    )
    assert 'href="/tin-tuc/luu-tru/2019/"' in client.get("/tin-tuc/").content.decode()
    assert "<option>2019</option>" in client.get("/tim-kiem/").content.decode()  # the search's year filter

    restrict(secret, PageViewRestriction.PASSWORD)

    assert 'href="/tin-tuc/luu-tru/2019/"' not in client.get("/tin-tuc/").content.decode()
    assert "<option>2019</option>" not in client.get("/tim-kiem/").content.decode()
