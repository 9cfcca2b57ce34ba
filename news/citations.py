"""Articles cite legal documents: the library records the numbers an article names when it is published."""

from django.utils.translation import gettext_lazy as _

from news.models import ArticlePage
from portal.legal.registry import CitingSource, SourceDescription, default_language_url, register


def describe(article: ArticlePage) -> SourceDescription:
    return SourceDescription(
        title=article.title, url=default_language_url(article), date=article.first_published_at
    )


def register_articles() -> None:
    register(
        CitingSource(
            kind="news", label=_("News"), model=ArticlePage, text=ArticlePage.citable_text, describe=describe
        )
    )
