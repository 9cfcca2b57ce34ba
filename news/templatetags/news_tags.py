"""Template tags that put news on pages outside the news section (the home page)."""

from django import template

from news.models import ArticlePage, NewsIndexPage
from portal.sites import in_request_site, in_scope, scope_root

register = template.Library()


@register.inclusion_tag("news/includes/latest_articles.html", takes_context=True)
def latest_articles(context, limit: int = 6):
    """The newest published articles, with a link to the whole news section."""
    request = context.get("request")
    # A department's home page lists its own news; the hub's lists every department's, each linking
    # to its own site.
    root = scope_root(request) if request is not None else None
    return {
        "request": request,
        "articles": in_scope(ArticlePage.objects.published(), root).for_listing()[:limit],
        "news_index": (
            in_request_site(NewsIndexPage.objects.live(), request)
            if request
            else NewsIndexPage.objects.live()
        ).first(),
    }
