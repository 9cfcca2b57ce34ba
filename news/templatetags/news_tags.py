"""Template tags that put news on pages outside the news section (the home page)."""

from django import template

from news.models import ArticlePage, NewsIndexPage

register = template.Library()


@register.inclusion_tag("news/includes/latest_articles.html", takes_context=True)
def latest_articles(context, limit: int = 6):
    """The newest published articles, with a link to the whole news section."""
    return {
        "request": context.get("request"),
        "articles": ArticlePage.objects.published().for_listing()[:limit],
        "news_index": NewsIndexPage.objects.live().first(),
    }
