"""An article as a citizen reads it, and as search engines and social networks see it."""

import json
import re
from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import PageViewRestriction

from news.blocks import CaptionedImageBlock
from tests.factories import ImageFactory, publish_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(news_index, reform_category):
    return publish_article(
        news_index,
        title="Hội nghị cải cách hành chính năm 2024",
        lead="Chỉ số CCHC năm 2023 đạt 83,45/100 điểm, xếp thứ 13/18.",
        author="Nguyễn Bình",
        source="Văn phòng Sở",
        hero_image=ImageFactory(description="Giám đốc Sở chủ trì hội nghị"),
        hero_caption="Toàn cảnh hội nghị.",
        first_published_at=timezone.make_aware(datetime(2024, 4, 15, 16, 12)),
        categories=[reform_category],
        tags=["Chỉ số CCHC", "Hội nghị"],
        body=[
            {"type": "paragraph", "value": "<p>Ba lĩnh vực đạt điểm tối đa.</p>"},
            {
                "type": "table",
                "value": {
                    "caption": "Điểm các lĩnh vực",
                    "table": {
                        "first_row_is_table_header": True,
                        "data": [["Lĩnh vực", "Điểm"], ["Cải cách thể chế", "6,5/6,5"]],
                    },
                },
            },
            {"type": "quote", "value": {"text": "Không để tụt hạng thêm.", "attribution": "Giám đốc Sở"}},
        ],
    )


def test_article_shows_what_a_government_portal_must(client, article):
    html = client.get(article.url).content.decode()

    assert "<h1>Hội nghị cải cách hành chính năm 2024</h1>" in html
    assert "Chỉ số CCHC năm 2023 đạt 83,45/100 điểm, xếp thứ 13/18." in html
    assert '<time datetime="2024-04-15T16:12:00+07:00">15/04/2024 16:12</time>' in html
    assert "<dt>Tác giả</dt><dd>Nguyễn Bình</dd>" in html
    assert "<dt>Nguồn</dt><dd>Văn phòng Sở</dd>" in html
    assert "<figcaption>Toàn cảnh hội nghị.</figcaption>" in html
    assert '<th scope="col">Lĩnh vực</th>' in html
    assert "<caption>Điểm các lĩnh vực</caption>" in html
    assert "Không để tụt hạng thêm." in html
    assert 'href="/tin-tuc/the/chi-so-cchc/" rel="tag">Chỉ số CCHC</a>' in html
    assert 'href="/tin-tuc/chuyen-muc/cai-cach-hanh-chinh/">Cải cách hành chính</a>' in html


def test_hero_image_is_a_webp_srcset_with_a_jpeg_fallback_and_alt_text(client, article):
    html = client.get(article.url).content.decode()

    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    assert 'type="image/webp"' in picture
    assert re.search(r'srcset="[^"]+\.webp 480w, [^"]+\.webp 800w, [^"]+\.webp 1200w"', picture)
    assert re.search(r'<img[^>]+alt="Giám đốc Sở chủ trì hội nghị"', picture)
    assert re.search(r'<img[^>]+src="[^"]+\.jpg"', picture)


def test_share_print_and_copy_links(client, article):
    html = client.get(article.url).content.decode()
    encoded = "http%3A%2F%2Flocalhost%2Ftin-tuc%2F" + article.slug + "%2F"

    assert f"https://www.facebook.com/sharer/sharer.php?u={encoded}" in html
    assert f"https://sp.zalo.me/share_to_zalo?url={encoded}" in html
    assert f'href="/tin-tuc/{article.slug}/ban-in/"' in html
    assert "data-copy-link" in html
    assert "data-text-size hidden" in html  # the A-/A/A+ buttons stay hidden until the script runs


def test_print_view_is_the_article_alone_and_not_indexed(client, article):
    response = client.get(f"{article.url}ban-in/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in html
    assert f'<link rel="canonical" href="http://localhost{article.url}">' in html
    assert "Ba lĩnh vực đạt điểm tối đa." in html
    assert "main-nav" not in html


def test_search_engines_and_social_networks_get_canonical_open_graph_and_json_ld(client, article):
    html = client.get(article.url).content.decode()

    assert f'<link rel="canonical" href="http://localhost{article.url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Hội nghị cải cách hành chính năm 2024">' in html
    assert re.search(r'<meta property="og:image" content="http://testserver/media/images/[^"]+\.jpg">', html)
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Hội nghị cải cách hành chính năm 2024"
    assert data["author"] == {"@type": "Person", "name": "Nguyễn Bình"}
    assert data["datePublished"].startswith("2024-04-15T16:12")


def test_related_news_shares_a_category_or_tag_and_excludes_the_article(client, news_index, article):
    sibling = publish_article(news_index, title="Kết luận về công tác CCHC", tags=["Hội nghị"])
    publish_article(news_index, title="Tin không liên quan")

    related = list(article.related_articles())

    assert related == [sibling]
    assert "Kết luận về công tác CCHC" in client.get(article.url).content.decode()


HOSTILE_TITLE, HOSTILE_LEAD = '<script>alert("x")</script> Tin', "</script><b>x</b>"
ESCAPED_TITLE = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tin"
ESCAPED_LEAD = "&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;"


def test_a_title_with_markup_is_escaped_everywhere(client, news_index):
    hostile = publish_article(news_index, title=HOSTILE_TITLE, lead=HOSTILE_LEAD)

    responses = {
        "article": client.get(hostile.url),
        "listing": client.get("/tin-tuc/"),
        "feed": client.get("/tin-tuc/rss/"),
        "search": client.get("/tim-kiem/", {"q": "Tin"}),
    }

    pages = {}
    for name, response in responses.items():
        assert response.status_code == 200, name
        pages[name] = response.content.decode()
        assert "<script>alert" not in pages[name], name
        assert "</script><b>" not in pages[name], name
    article, listing, feed, search = pages.values()
    assert f"<h1>{ESCAPED_TITLE}</h1>" in article
    assert f'<p class="article__lead">{ESCAPED_LEAD}</p>' in article
    # The JSON-LD escapes what would close its <script> element, and still reads as the title and lead.
    json_ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', article, flags=re.S).group(1)
    assert '"headline": "\\u003Cscript\\u003Ealert(\\"x\\")\\u003C/script\\u003E Tin"' in json_ld
    assert '"description": "\\u003C/script\\u003E\\u003Cb\\u003Ex\\u003C/b\\u003E"' in json_ld
    structured = json.loads(json_ld)
    assert (structured["headline"], structured["description"]) == (HOSTILE_TITLE, HOSTILE_LEAD)
    assert f'<a href="{hostile.url}">{ESCAPED_TITLE}</a></h2>' in listing
    assert f'<p class="article-card__lead">{ESCAPED_LEAD}</p>' in listing
    assert '<item><title>&lt;script&gt;alert("x")&lt;/script&gt; Tin</title>' in feed
    assert f"<description>{ESCAPED_LEAD}</description>" in feed
    assert (
        f'<a href="{hostile.url}">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Tin</mark></a>'
        in search
    )
    assert f'<p class="result__snippet">{ESCAPED_LEAD}</p>' in search


def test_main_image_without_alt_text_is_refused(news_index):
    article = publish_article(news_index)
    article.hero_image = ImageFactory(description="")
    article.hero_alt = ""

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert "hero_alt" in error.value.message_dict


def test_a_body_image_needs_alt_text_unless_marked_decorative():
    block = CaptionedImageBlock()
    image = ImageFactory(description="")

    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": {"image": image.pk, "alt_text": "", "decorative": False}}))
    decorative = block.clean(
        block.to_python({"image": {"image": image.pk, "alt_text": "", "decorative": True}})
    )
    assert decorative["image"].contextual_alt_text == ""


def test_related_news_counts_each_shared_category_and_never_shows_a_hidden_article(
    news_index, reform_category, events_category
):
    article = publish_article(news_index, title="Bài gốc", categories=[reform_category, events_category])
    both = publish_article(
        news_index,
        title="Cả hai chuyên mục",
        categories=[reform_category, events_category],
        first_published_at=timezone.make_aware(datetime(2020, 1, 1)),
    )
    one = publish_article(news_index, title="Một chuyên mục", categories=[events_category])
    restricted = publish_article(
        news_index, title="Bài có mật khẩu", categories=[reform_category, events_category]
    )
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    unpublished = publish_article(
        news_index, title="Bài đã gỡ", categories=[reform_category, events_category]
    )
    unpublished.unpublish()

    assert article.related_articles() == [both, one]
    # The hidden one is among the best two: the next best takes its place.
    assert article.related_articles(limit=2) == [both, one]


def test_the_category_and_tags_shown_follow_their_changes(client, news_index, reform_category):
    """Kept with the lists through an edit of the text, and shown anew when they change."""
    story = publish_article(news_index, categories=[reform_category], tags=["Một cửa"])
    first = client.get(story.url).text
    assert ">Cải cách hành chính</a></li>" in first and 'rel="tag">Một cửa</a>' in first

    story.lead = "Sapo đã sửa."
    story.save_revision().publish()
    assert "Sapo đã sửa." in client.get(story.url).text

    reform_category.name = "Cải cách thủ tục hành chính"
    reform_category.save()
    assert ">Cải cách thủ tục hành chính</a></li>" in client.get(story.url).text

    story.tags.set(["Chuyển đổi số"])
    story.save_revision().publish()
    assert 'rel="tag">Chuyển đổi số</a>' in client.get(story.url).text
