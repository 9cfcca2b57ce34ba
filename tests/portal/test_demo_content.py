"""`manage.py load_demo`, which `make run` calls: complete, and safe to run again."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from news.models import ArticlePage
from portal.models import AgencySettings, HomePage

pytestmark = pytest.mark.slow  # each test loads the whole demo


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_demo_gives_a_published_home_page_at_the_site_root_and_an_admin(client, monkeypatch):
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)

    output = load_demo()

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.live
    assert not Page.objects.filter(title__startswith="Welcome to").exists()
    password = output.split("password: ")[1].split()[0]
    assert get_user_model().objects.get(username="admin").check_password(password)
    response = client.get("/")
    assert response.status_code == 200
    assert "19 trên 55 thủ tục hành chính" in response.content.decode()
    assert AgencySettings.for_site(site).email in response.content.decode()


@pytest.mark.django_db
def test_demo_news_has_eight_original_articles_with_images_categories_and_tags(client):
    load_demo()

    articles = ArticlePage.objects.live()
    assert articles.count() >= 8
    assert not articles.filter(hero_image__isnull=True).exists()
    assert all(article.categories.exists() and article.tags.exists() for article in articles)
    assert all(article.hero_image.description for article in articles)  # alt text
    listing = client.get("/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/").content.decode()
    assert "Sở Xây dựng: Chỉ số CCHC năm 2023 đạt 72,32 điểm, xếp loại Khá" in listing
    article = client.get("/tin-tuc/so-xay-dung-chi-so-cchc-2023-dat-72-32-diem/").content.decode()
    assert "<td>15,11</td>" in article
    home = client.get("/").content.decode()
    menu = home.split('class="main-nav__list')[1].split("</ul>")[0]
    assert '<a href="/tin-tuc/">Tin tức</a>' in menu
    assert '<a href="/chi-so-cai-cach-hanh-chinh/">Chỉ số cải cách hành chính</a>' in menu


@pytest.mark.django_db
def test_running_the_demo_again_duplicates_nothing_and_keeps_editors_changes(monkeypatch):
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    load_demo()
    agency = AgencySettings.for_site(Site.objects.get(is_default_site=True))
    agency.agency_name = "Sở Xây dựng"
    agency.save()
    counts_before = (
        Page.objects.count(),
        get_user_model().objects.count(),
        get_image_model().objects.count(),
    )

    output = load_demo()

    assert (
        Page.objects.count(),
        get_user_model().objects.count(),
        get_image_model().objects.count(),
    ) == counts_before
    assert AgencySettings.objects.get().agency_name == "Sở Xây dựng"
    assert "already exists; its password is unchanged" in output


@pytest.mark.django_db
def test_demo_admin_credentials_can_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_USERNAME", "bientap")
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "mat-khau-demo-2024")

    output = load_demo()

    assert "user: bientap  password: mat-khau-demo-2024" in output
    assert get_user_model().objects.get(username="bientap").check_password("mat-khau-demo-2024")
