"""Keep a section's months to browse (`NewsIndexPage.archive_months`) in step with publishing.

They are kept across publishes, since reading them means reading every article's date: a publish in a
month already listed keeps them; one in a new month, an unpublish or a delete reads them again, and a
move or a view restriction (which may change several sections at once) renews the token they are kept
under.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from news.models import ARCHIVE_VERSION_KEY, ArticlePage, NewsIndexPage, archive_months_cache_key
from portal.caching.generation import renew_token


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
    page_published.connect(article_published, sender=ArticlePage, dispatch_uid="news-archive-published")
    page_unpublished.connect(article_gone, sender=ArticlePage, dispatch_uid="news-archive-unpublished")
    post_delete.connect(article_deleted, sender=ArticlePage, dispatch_uid="news-archive-deleted")
    post_page_move.connect(pages_rearranged, dispatch_uid="news-archive-page-moved")
    post_save.connect(pages_rearranged, sender=PageViewRestriction, dispatch_uid="news-archive-restricted")
    post_delete.connect(
        pages_rearranged, sender=PageViewRestriction, dispatch_uid="news-archive-unrestricted"
    )
