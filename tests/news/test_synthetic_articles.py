"""`manage.py generate_articles N` for load tests: real, published, well-formed pages."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from news.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_generated_articles_are_published_pages_with_tags_categories_and_images(
    client, news_index, reform_category
):
    out = io.StringIO()

    call_command("generate_articles", "30", stdout=out)

    articles = ArticlePage.objects.live().child_of(news_index)
    assert articles.count() == 30
    assert "Created 30 articles" in out.getvalue()
    assert all(problems == [] for problems in Page.find_problems())
    news_index.refresh_from_db()
    assert news_index.numchild == 30
    assert not articles.filter(tagged_items__isnull=True).exists()
    assert not articles.filter(categories__isnull=True).exists()
    assert not articles.filter(hero_image__isnull=True).exists()
    article = articles.first()
    response = client.get(article.url)
    assert response.status_code == 200
    assert article.title in response.content.decode()
    assert "Trang 1 / 3" in client.get("/tin-tuc/").content.decode()


@pytest.mark.slow
def test_generating_twice_adds_more_without_clashing(news_index):
    call_command("generate_articles", "5", stdout=io.StringIO())
    call_command("generate_articles", "5", "--seed", "9", stdout=io.StringIO())

    assert ArticlePage.objects.live().count() == 10
    assert len(set(ArticlePage.objects.values_list("slug", flat=True))) == 10


def test_the_command_explains_what_is_missing(db):
    with pytest.raises(CommandError, match="no news section"):
        call_command("generate_articles", "5", stdout=io.StringIO())
    with pytest.raises(CommandError, match="positive"):
        call_command("generate_articles", "0", stdout=io.StringIO())
