from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from news import signals
        from news.citations import register_articles
        from news.models import NewsCategory, NewsTag
        from portal.caching.generation import purge_when_changed

        signals.connect()
        register_articles()  # the legal documents library records the documents articles cite
        # Articles purge when published; categories and tags show on every listing as soon as saved.
        purge_when_changed(NewsCategory, NewsTag)
