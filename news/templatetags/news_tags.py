"""Template tags for news: the latest articles on other pages (the home page) and a listing's cards."""

import contextlib

from django import template
from django.conf import settings
from django.db.models import prefetch_related_objects
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from news.models import ArticlePage, ArticlePaginator, NewsIndexPage, listing_prefetches
from portal.caching.generation import CACHE_ERRORS, list_generation, revision_kept_generation
from portal.caching.local import kept_cache
from portal.pagination import KeptPage
from portal.site_chrome import site_chrome
from portal.sites import in_request_site, request_site, scope_root

register = template.Library()
CARD_KEPT_SECONDS = 60 * 60


def news_section(request):
    """The site's news section, looked up once per request however many tags ask (or None).

    Kept with the site's lists (`list_generation`): publishing, moving or removing a section renews
    them, an article's edit does not, so the home page's first view after an edit does not look for it.
    """
    if request is None:
        return NewsIndexPage.objects.live().first()
    if not hasattr(request, "_news_section"):
        site = request_site(request)
        key = f"news:section:{site.pk if site else ''}:{list_generation()}"
        request._news_section = kept_cache().get_or_set(
            key,
            lambda: in_request_site(NewsIndexPage.objects.live(), request).first(),
            settings.FRAGMENT_CACHE_SECONDS,
        )
    return request._news_section


@register.inclusion_tag("news/includes/latest_articles.html", takes_context=True)
def latest_articles(context, limit: int = 6):
    """The newest published articles, with a link to the whole news section."""
    request = context.get("request")
    news_index = news_section(request)
    # A department's home page lists its own news, its news section's articles (found by the section's
    # path and date, where "under the site's root" read every article of the site and sorted them:
    # 18 ms at 10,000 articles); the hub's lists every department's, each linking to its own site.
    # Which articles those are is kept per list generation with their publication times, and their
    # cards by article revision, as a listing's page are (`ArticlePaginator`, `article_cards`): the
    # first view after an article's edit reads no article.
    root = scope_root(request) if request is not None else None
    if root is None:
        articles, name = ArticlePage.objects.published(), "all"
    elif news_index is not None:
        articles, name = news_index.articles(), f"{news_index.pk}"
    else:
        return {"request": request, "articles": None, "news_index": None}
    latest = ArticlePaginator(articles, limit, key=f"news:latest:{name}:{limit}").top()
    return {"request": request, "articles": latest, "news_index": news_index}


@register.inclusion_tag("news/includes/home_figures.html", takes_context=True)
def own_agency_card(context):
    """The site's own agency's latest score card (`AgencySettings.agency`), if the site names one."""
    from indexes.models import Agency
    from indexes.score_cards import score_cards

    request = context.get("request")
    # The site's settings as the site chrome keeps them (read once per generation for every page).
    chrome = site_chrome(request) if request else None
    agency_id = chrome.agency.agency_id if chrome else None
    agency = Agency.objects.filter(pk=agency_id).first() if agency_id else None
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
def article_score_cards(agencies) -> list:
    """Score cards of the agencies an article names ("Cơ quan liên quan") that have published figures."""
    from indexes.score_cards import score_cards

    return score_cards(agencies)


@register.simple_tag(takes_context=True)
def article_links(context, article) -> dict:
    """What an article's page links to of its lists: its first category (the breadcrumb), its tags and
    the agencies it names.

    They are part of what places the article in lists (`news.signals.list_signature`), so they are kept
    per list generation: an edit of the text keeps them (the first view after it reads none of them:
    three queries); a change of any of them, or a category, tag or agency renamed, renews it. A preview
    or a page not live shows its own.
    """
    request = context.get("request")

    def read() -> dict:
        return {
            "category": article.categories.first(),
            "tags": list(article.tags.all()),
            "agencies": article.agency_list,
        }

    if not article.live or getattr(request, "is_preview", False):
        return read()
    key = f"news:article-links:{article.pk}:{list_generation()}"
    try:
        links = kept_cache().get(key)
    except CACHE_ERRORS:
        links = None
    if links is None:
        links = read()
        with contextlib.suppress(*CACHE_ERRORS):
            kept_cache().set(key, links, settings.FRAGMENT_CACHE_SECONDS)
    return links


@register.simple_tag(takes_context=True)
def article_cards(context, articles, heading_level=None, news_index=None):
    """The cards of a listing's articles, each kept until its article is published again.

    A card is a pure function of its article's published revision, and of what else purges: its
    categories' names, its image, the addresses of its section and site. So each is kept by article
    and publication time, language, host and the news section its categories link to, under the token
    that every purge renews except an article's own publish (`revision_kept_generation()`): publishing
    one article leaves every other card kept, where renewing them all cost a cold listing 17 of its
    44 ms at 10,000 articles. Only the articles whose card is not kept are read further (image
    renditions, categories): a listing whose cards are all kept adds no query for them.

    `articles` is a list of articles, or a page of an `ArticlePaginator`. A page's ids come with the
    publication times the list was read with (`KeptPage.entries`), so its cards are found without
    reading its articles; the articles without one are read by id. A publish that keeps the lists keeps
    what a card shows (`news.signals.list_signature`), so an earlier time names the same card.
    """
    request = context.get("request")
    if isinstance(articles, KeptPage):
        entries, page = articles.entries, articles
        read = page.rows
    else:
        by_id = {article.pk: article for article in articles}
        entries = [(article.pk, article.last_published_at) for article in by_id.values()]
        read = lambda ids: [by_id[pk] for pk in ids]  # noqa: E731
    prefix = ":".join(
        [
            "news:card",
            revision_kept_generation(),
            get_language() or "",
            request.get_host() if request else "",
            str(heading_level or ""),
            str(news_index.pk if news_index else ""),
        ]
    )
    keys = {pk: f"{prefix}:{pk}:{published.timestamp() if published else ''}" for pk, published in entries}
    try:
        kept = kept_cache().get_many(list(keys.values()))
    except CACHE_ERRORS:
        kept = {}
    missing = [pk for pk, _published in entries if keys[pk] not in kept]
    if missing:
        rows = read(missing)
        prefetch_related_objects(rows, *listing_prefetches())
        card = get_template("news/includes/article_card.html")
        # A plain context (the card reads only these), not the request's: its processors cost more than the card.
        made = {
            keys[article.pk]: card.render(
                {
                    "article": article,
                    "heading_level": heading_level,
                    "news_index": news_index,
                    "request": request,
                }
            )
            for article in rows
        }
        with contextlib.suppress(*CACHE_ERRORS):
            kept_cache().set_many(made, CARD_KEPT_SECONDS)
        kept.update(made)
    # An article unpublished since its page's ids were kept has no card (its row is not read).
    return mark_safe("".join(kept.get(keys[pk], "") for pk, _published in entries))
