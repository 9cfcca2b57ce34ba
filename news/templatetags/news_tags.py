"""Template tags that put news on pages outside the news section (the home page)."""

from django import template

from news.models import ArticlePage, NewsIndexPage
from portal.models import AgencySettings
from portal.sites import in_request_site, in_scope, scope_root

register = template.Library()


def news_section(request):
    """The site's news section, looked up once per request however many tags ask (or None)."""
    if request is None:
        return NewsIndexPage.objects.live().first()
    if not hasattr(request, "_news_section"):
        request._news_section = in_request_site(NewsIndexPage.objects.live(), request).first()
    return request._news_section


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
        "news_index": news_section(request),
    }


@register.inclusion_tag("news/includes/home_figures.html", takes_context=True)
def own_agency_card(context):
    """The site's own agency's latest score card (`AgencySettings.agency`), if the site names one."""
    from indexes.score_cards import score_cards

    request = context.get("request")
    agency = AgencySettings.for_request(request).agency if request else None
    return {"request": request, "cards": score_cards([agency]) if agency else []}


@register.inclusion_tag("news/includes/category_links.html", takes_context=True)
def news_category_links(context):
    """Entry points to each news category, for the home page."""
    news_index = news_section(context.get("request"))
    return {
        "request": context.get("request"),
        "news_index": news_index,
        "categories": news_index.all_categories if news_index else [],
    }


@register.simple_tag(takes_context=True)
def news_feed_url(context) -> str:
    """The address of the whole news section's RSS feed, or "" without a news section."""
    news_index = news_section(context.get("request"))
    return news_index.url + news_index.reverse_subpage("feed") if news_index else ""


@register.simple_tag
def article_score_cards(article) -> list:
    """Score cards of the agencies an article names ("Cơ quan liên quan") that have published figures."""
    from indexes.score_cards import score_cards

    return score_cards(article.agency_list)
