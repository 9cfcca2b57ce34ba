"""Synthetic articles for load tests: many published articles, written straight to the tables.

Creating pages one by one through Wagtail (revisions, signals, search indexing) takes tens of
milliseconds each; a load test needs 100,000. This writes the page tree rows in bulk instead, in the
shape Wagtail itself writes them (materialised paths, url_path, live, dates), so every page works as
if an editor had published it. The search index is not updated: run `manage.py update_index` after.
"""

import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from news.demo_images import make_image
from news.models import (
    ArticlePage,
    ArticleTag,
    NewsCategory,
    NewsIndexPage,
    NewsTag,
    archive_months_cache_key,
)
from portal.caching.generation import purge

BATCH_SIZE = 2000
IMAGE_POOL = 12

SUBJECTS = [
    "Hội nghị sơ kết công tác cải cách hành chính",
    "Rà soát, đơn giản hóa thủ tục hành chính",
    "Kiểm tra công tác cải cách hành chính tại các phòng, đơn vị",
    "Triển khai dịch vụ công trực tuyến toàn trình",
    "Tập huấn số hóa hồ sơ, kết quả giải quyết thủ tục",
    "Đánh giá Chỉ số CCHC và giải pháp nâng hạng",
    "Ứng dụng phần mềm quản lý văn bản và điều hành",
    "Tuyên truyền cải cách hành chính đến người dân",
]
PLACES = ["Văn phòng Sở", "Thanh tra Sở", "Phòng Quản lý Khoa học", "Chi cục Tiêu chuẩn Đo lường Chất lượng"]
TAGS = [
    "Chỉ số CCHC",
    "Dịch vụ công trực tuyến",
    "Hội nghị",
    "Thủ tục hành chính",
    "Chuyển đổi số",
    "ISO 9001",
]


def step_code(number: int, length: int) -> str:
    """Encode a child's position the way Wagtail's materialised path does (base 36, fixed width)."""
    alphabet = Page.alphabet
    digits = ""
    while number:
        number, remainder = divmod(number, len(alphabet))
        digits = alphabet[remainder] + digits
    return digits.rjust(length, "0")


def generate_articles(*, count: int, seed: int = 2024, news_index: NewsIndexPage | None = None) -> int:
    """Publish `count` synthetic articles under the news section; return how many were created."""
    index = news_index or NewsIndexPage.objects.get()
    rng = random.Random(seed)
    categories = list(NewsCategory.objects.all()) or [
        NewsCategory.objects.create(name="Tin tức - Sự kiện", slug="tin-tuc-su-kien")
    ]
    tags = [
        NewsTag.objects.get_or_create(name=name, defaults={"slug": NewsTag().slugify(name)})[0]
        for name in TAGS
    ]
    images = [
        make_image(
            title=f"Ảnh minh hoạ tổng hợp {number}",
            description="Ảnh minh hoạ cuộc họp",
            kind="meeting" if number % 2 else "chart",
            seed=100 + number,
            size=(960, 540),
        )
        for number in range(IMAGE_POOL)
    ]
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale_id = index.locale_id or Locale.get_default().pk
    now = timezone.now()
    created = 0
    while created < count:
        size = min(BATCH_SIZE, count - created)
        with transaction.atomic():
            index = NewsIndexPage.objects.select_for_update().get(pk=index.pk)
            created += _write_batch(index, size, rng, categories, tags, images, content_type, locale_id, now)
    cache.delete(archive_months_cache_key(index.pk))
    purge()  # published content: the kept pages, counts and sitemap files are of an older generation
    return created


def _write_batch(index, size, rng, categories, tags, images, content_type, locale_id, now) -> int:
    first = index.numchild + 1
    pages = []
    for number in range(first, first + size):
        subject = rng.choice(SUBJECTS)
        published = now - timedelta(days=rng.uniform(1, 365 * 15), minutes=rng.randint(0, 600))
        slug = f"tin-tong-hop-{number}"
        pages.append(
            Page(
                title=f"{subject} (bài tổng hợp số {number})",
                draft_title=f"{subject} (bài tổng hợp số {number})",
                slug=slug,
                path=index.path + step_code(number, index.steplen),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                content_type=content_type,
                locale_id=locale_id,
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                seo_title="",
                search_description="",
            )
        )
    Page.objects.bulk_create(pages)
    if any(page.pk is None for page in pages):  # backends that do not return ids from bulk inserts
        saved = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk"))
        for page in pages:
            page.pk = page.id = saved[page.path]

    category_links, tag_links = [], []
    for page in pages:
        place = rng.choice(PLACES)
        article = ArticlePage(
            page_ptr_id=page.pk,
            lead=f"{place} thông tin về {page.title.lower()}: kết quả, tồn tại và nhiệm vụ thời gian tới.",
            author=place,
            source="Dữ liệu tổng hợp cho kiểm thử tải",
            hero_image=rng.choice(images),
            hero_caption="Ảnh minh hoạ.",
            body=[
                {
                    "type": "paragraph",
                    "value": f"<p>{page.title}. Nội dung tổng hợp phục vụ kiểm thử tải.</p>",
                },
                {"type": "paragraph", "value": f"<p>Đơn vị thực hiện: {place}.</p>"},
            ],
        )
        # Write only the article's own table: the page row above is its parent row.
        article.save_base(raw=True, force_insert=True)
        category_links.append(
            ArticlePage.categories.through(articlepage_id=page.pk, newscategory_id=rng.choice(categories).pk)
        )
        tag_links += [
            ArticleTag(content_object_id=page.pk, tag=tag) for tag in rng.sample(tags, k=rng.randint(1, 3))
        ]
    ArticlePage.categories.through.objects.bulk_create(category_links)
    ArticleTag.objects.bulk_create(tag_links)
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(pages))
    return len(pages)
