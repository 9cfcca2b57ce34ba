"""Plain helpers that tests in several folders share (fixtures live in the conftest.py files, model
builders in factories.py): the data an editor posts from Wagtail's page editor."""

import re

from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories import ImageFactory


def article_add_url(news_index) -> str:
    """The page editor's address for a new article in the news section."""
    return reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])


def article_form(category, **extra) -> dict:
    """What the article editor posts for a complete article with a picture, in `category`."""
    data = nested_form_data(
        {
            "title": "Sở công bố kết quả Chỉ số CCHC năm 2023",
            "slug": "cong-bo-chi-so-cchc-2023",
            "lead": "Chỉ số CCHC năm 2023 đạt 83,45/100 điểm.",
            "author": "Nguyễn Bình",
            "source": "Văn phòng Sở",
            "hero_image": ImageFactory().pk,
            "hero_alt": "",
            "hero_caption": "Toàn cảnh hội nghị",
            "body": streamfield([("paragraph", rich_text("<p>Ba lĩnh vực đạt điểm tối đa.</p>"))]),
            "tags": "Chỉ số CCHC, Hội nghị",
            **extra,
        }
    )
    data["categories"] = [category.pk]  # a multiple choice, not a nested form
    return data


def sitemap_text(client, **extra) -> str:
    """The whole sitemap as a crawler reads it: the index at /sitemap.xml and every file it names
    (`extra`: the request's headers, such as `HTTP_HOST` for a department's site)."""
    index = client.get("/sitemap.xml", **extra)
    assert index.status_code == 200
    texts = [index.content.decode()]
    for location in re.findall(r"<loc>([^<]+)</loc>", texts[0]):
        response = client.get(location.replace("&amp;", "&"), **extra)
        assert response.status_code == 200, location
        texts.append(response.content.decode())
    return "\n".join(texts)
