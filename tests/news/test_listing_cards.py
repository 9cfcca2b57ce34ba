"""A listing's cards are kept by their article's revision: publishing one article renders only its card.

Each card is kept under its article's publication time (`news_tags.article_cards`), so a publish of one
article leaves the others' cards kept, while what every card shows besides its article (a category's
name, the section's address) renews them all.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import publish_article

pytestmark = pytest.mark.django_db

CARD = "news/includes/article_card.html"


def cards_rendered(response) -> int:
    return sum(1 for template in response.templates if template.name == CARD)


@pytest.fixture
def listing(client, news_index, reform_category):
    start = timezone.now() - timedelta(days=10)
    articles = [
        publish_article(
            news_index, title=f"Tin cải cách số {number}", first_published_at=start + timedelta(days=number)
        )
        for number in range(1, 6)
    ]
    for article in articles:
        article.categories.add(reform_category)
        article.save_revision().publish()
    first = client.get("/tin-tuc/")
    assert cards_rendered(first) == 5
    return articles


def test_publishing_an_article_renders_its_card_alone(client, listing):
    edited = listing[2]
    edited.title = "Tin cải cách số 3, đã sửa"
    edited.save_revision().publish()

    response = client.get("/tin-tuc/")

    assert cards_rendered(response) == 1
    assert "Tin cải cách số 3, đã sửa" in response.content.decode()
    assert "Tin cải cách số 5" in response.content.decode()  # kept, still shown


def test_a_new_article_adds_its_card_and_keeps_the_others(client, news_index, listing):
    publish_article(news_index, title="Tin cải cách mới nhất")

    response = client.get("/tin-tuc/")

    assert cards_rendered(response) == 1
    assert response.content.decode().index("Tin cải cách mới nhất") < response.content.decode().index(
        "Tin cải cách số 5"
    )


def test_a_renamed_category_renews_every_card(client, listing, reform_category):
    reform_category.name = "Cải cách thủ tục hành chính"
    reform_category.save()

    response = client.get("/tin-tuc/")

    assert cards_rendered(response) == 5
    assert response.content.decode().count("Cải cách thủ tục hành chính") >= 5


def test_a_section_published_again_renews_every_card(client, news_index, listing):
    news_index.save_revision().publish()

    assert cards_rendered(client.get("/tin-tuc/")) == 5
