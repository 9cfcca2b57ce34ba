"""Template tags for news: the latest articles on other pages (the home page) and a listing's cards."""

import contextlib

from django import template
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from news.models import ArticlePage, NewsIndexPage, listing_prefetches
from portal.caching.generation import CACHE_ERRORS, current_generation

register = template.Library()
CARD_KEPT_SECONDS = 60 * 60


@register.inclusion_tag("news/includes/latest_articles.html", takes_context=True)
def latest_articles(context, limit: int = 6):
    """The newest published articles, with a link to the whole news section."""
    return {
        "request": context.get("request"),
        "articles": ArticlePage.objects.published().for_listing()[:limit],
        "news_index": NewsIndexPage.objects.live().first(),
    }


@register.simple_tag(takes_context=True)
def article_cards(context, articles, heading_level=None):
    """The cards of a listing's articles, each kept until the next publish.

    A card is a pure function of its article's published revision (and of the names of its categories
    and its image, whose changes purge too), so each is kept per publish generation, by article and
    publication time, language and host. Only the articles whose card is not kept are read further
    (image renditions, categories): a listing whose cards are all kept adds no query for them.
    """
    request = context.get("request")
    articles = list(articles)
    prefix = ":".join(
        [
            "news:card",
            current_generation(),
            get_language() or "",
            request.get_host() if request else "",
            str(heading_level or ""),
        ]
    )
    keys = {
        article.pk: f"{prefix}:{article.pk}:{article.last_published_at.timestamp() if article.last_published_at else ''}"
        for article in articles
    }
    try:
        kept = cache.get_many(list(keys.values()))
    except CACHE_ERRORS:
        kept = {}
    missing = [article for article in articles if keys[article.pk] not in kept]
    if missing:
        prefetch_related_objects(missing, *listing_prefetches())
        card = get_template("news/includes/article_card.html")
        # A plain context (the card reads only these), not the request's: its processors cost more than the card.
        made = {
            keys[article.pk]: card.render(
                {"article": article, "heading_level": heading_level, "request": request}
            )
            for article in missing
        }
        with contextlib.suppress(*CACHE_ERRORS):
            cache.set_many(made, CARD_KEPT_SECONDS)
        kept.update(made)
    return mark_safe("".join(kept[keys[article.pk]] for article in articles))
