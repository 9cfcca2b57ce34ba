from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from news import signals
        from news.citations import register_articles
        from news.models import ArticlePage, NewsCategory, NewsTag
        from portal.caching.generation import pages_kept_by_revision, purge_when_changed

        signals.connect()
        # A listing's card of an article is kept by the article's publication time: publishing one
        # article leaves the other cards kept (`news_tags.article_cards`).
        if ArticlePage not in pages_kept_by_revision:
            pages_kept_by_revision.append(ArticlePage)
        register_articles()  # the legal documents library records the documents articles cite
        # Articles purge when published; categories and tags show on every listing as soon as saved.
        purge_when_changed(NewsCategory, NewsTag)
