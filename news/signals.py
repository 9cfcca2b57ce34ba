"""Keep what the news listings cache in step with publishing."""

from django.core.cache import cache
from wagtail.signals import page_published, page_unpublished

from news.models import ArticlePage, NewsIndexPage, archive_years_cache_key


def forget_archive_years(sender, instance, **kwargs):
    """An article appeared or disappeared: its section's list of years may have changed."""
    parent_path = instance.path[: -instance.steplen]
    for index_id in NewsIndexPage.objects.filter(path=parent_path).values_list("pk", flat=True):
        cache.delete(archive_years_cache_key(index_id))


def connect():
    page_published.connect(forget_archive_years, sender=ArticlePage, dispatch_uid="news-archive-published")
    page_unpublished.connect(
        forget_archive_years, sender=ArticlePage, dispatch_uid="news-archive-unpublished"
    )
