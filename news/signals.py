"""Keep what is kept across publishes of articles in step with them.

- A section's months to browse (`NewsIndexPage.archive_months`), since reading them means reading every
  article's date: a publish in a month already listed keeps them; one in a new month, an unpublish or a
  delete reads them again, and a move or a view restriction (which may change several sections at
  once) renews the token they are kept under.
- The lists' counts, pages and deep pages' starting points (`portal.pagination`, kept per
  `list_generation`), and the routes from addresses to pages: an article published again where it was,
  under the same address, with the same date, categories, tags and agencies, and the same title, lead
  and picture (what its card, a related article's link or a menu shows of it), changes no list, so
  its publish leaves them (`publish_kept_lists`).
- When an article's content last changed (`ArticlePage.content_updated_at`), worked out as each
  publication is recorded.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone
from wagtail.models import PageLogEntry, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from news.models import (
    ARCHIVE_VERSION_KEY,
    CONTENT_UPDATED_KEPT_SECONDS,
    ArticlePage,
    NewsIndexPage,
    archive_months_cache_key,
    content_updated_key,
)
from portal.caching.generation import publishes_keeping_lists, renew_token

# Set on an article as it is saved whole (a publish), from its stored row: what its lists knew of it.
LISTS_BEFORE_ATTRIBUTE = "_list_signature_before_save"


def list_signature(article_id: int) -> tuple | None:
    """What decides which lists an article is in, and where, and what they show of it (a listing's card,
    a related article's link: its title, lead and picture): stored state, read from the database."""
    row = (
        ArticlePage.objects.filter(pk=article_id)
        .values_list("live", "first_published_at", "path", "url_path", "title", "lead", "hero_image_id")
        .first()
    )
    if row is None:
        return None
    live, first_published_at, path, url_path, *shown = row
    through = ArticlePage.categories.through.objects.filter(articlepage_id=article_id)
    return (
        live,
        first_published_at,
        path[: -ArticlePage.steplen],
        url_path,
        *shown,
        sorted(through.values_list("newscategory_id", flat=True)),
        sorted(
            ArticlePage.tags.through.objects.filter(content_object_id=article_id).values_list(
                "tag_id", flat=True
            )
        ),
        sorted(
            ArticlePage.agencies.through.objects.filter(articlepage_id=article_id).values_list(
                "agency_id", flat=True
            )
        ),
    )


def remember_lists_before_save(sender, instance, update_fields=None, raw=False, **kwargs):
    """Before an article is saved whole (publishing saves it so), read what its lists know of it."""
    if raw or update_fields is not None or instance.pk is None:
        return
    setattr(instance, LISTS_BEFORE_ATTRIBUTE, list_signature(instance.pk))


def publish_kept_lists(page) -> bool:
    """Whether this publish left every list as it was: the article was live before, and still is, in
    the same section under the same address, with the same date, categories, tags and agencies, title,
    lead and picture. Unknown counts as changed."""
    if not isinstance(page, ArticlePage):
        return False
    before = getattr(page, LISTS_BEFORE_ATTRIBUTE, None)
    return before is not None and before[0] and before == list_signature(page.pk)


def _section_keys(article) -> list[str]:
    parent_path = article.path[: -article.steplen]
    return [
        archive_months_cache_key(index_id)
        for index_id in NewsIndexPage.objects.filter(path=parent_path).values_list("pk", flat=True)
    ]


def article_published(sender, instance, **kwargs):
    """Read the months again only if this article's month is not among them."""
    if instance.first_published_at is None:
        return
    published = timezone.localtime(instance.first_published_at)
    for key in _section_keys(instance):
        months = cache.get(key)
        if months is not None and (published.year, published.month) not in months:
            cache.delete(key)


def work_out_content_update(sender, instance, created=False, **kwargs):
    """A publication was recorded: find when the article's content last changed now, not on its first
    view (Wagtail records it after `page_published`, so that signal would be too early). Written over
    whatever a view read meanwhile."""
    if not created or instance.action != "wagtail.publish":
        return
    if instance.content_type_id != ContentType.objects.get_for_model(ArticlePage).pk:
        return
    article = ArticlePage.objects.filter(pk=instance.page_id).first()
    if article is not None and article.first_published_at and article.last_published_at:
        cache.set(
            content_updated_key(article),
            (article.read_content_updated_at(),),
            CONTENT_UPDATED_KEPT_SECONDS,
        )


def article_gone(sender, instance, **kwargs):
    """Unpublished or deleted: its month may now be empty."""
    for key in _section_keys(instance):
        cache.delete(key)


def article_deleted(sender, instance, **kwargs):
    if instance.live:
        article_gone(sender, instance)


def pages_rearranged(sender, **kwargs):
    """A page moved, or a view restriction changed: any section's months may have changed."""
    renew_token(ARCHIVE_VERSION_KEY)


def connect():
    pre_save.connect(remember_lists_before_save, sender=ArticlePage, dispatch_uid="news-lists-before-save")
    if publish_kept_lists not in publishes_keeping_lists:
        publishes_keeping_lists.append(publish_kept_lists)
    page_published.connect(article_published, sender=ArticlePage, dispatch_uid="news-archive-published")
    post_save.connect(work_out_content_update, sender=PageLogEntry, dispatch_uid="news-content-updated")
    page_unpublished.connect(article_gone, sender=ArticlePage, dispatch_uid="news-archive-unpublished")
    post_delete.connect(article_deleted, sender=ArticlePage, dispatch_uid="news-archive-deleted")
    post_page_move.connect(pages_rearranged, dispatch_uid="news-archive-page-moved")
    post_save.connect(pages_rearranged, sender=PageViewRestriction, dispatch_uid="news-archive-restricted")
    post_delete.connect(
        pages_rearranged, sender=PageViewRestriction, dispatch_uid="news-archive-unrestricted"
    )
