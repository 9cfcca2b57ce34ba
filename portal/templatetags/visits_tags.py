"""The visitor figures in templates: the visitor box of every page and an article's view count."""

from django import template
from django.conf import settings
from django.core.cache import cache

from portal.visits import figures

register = template.Library()


@register.inclusion_tag("includes/visitor_box.html")
def visitor_box():
    """The visitor box of every page, from figures at most VISITS_SUMMARY_SECONDS old.

    Pages served from a cache show the figures of when they were made; the script refreshes them
    from /api/v1/visits/summary.
    """
    summary = cache.get_or_set("visits:summary:box", figures.summary, settings.VISITS_SUMMARY_SECONDS)
    return {"summary": summary}


@register.simple_tag
def page_view_count(page) -> int:
    """A page's view count, at most VISITS_SUMMARY_SECONDS old."""
    return cache.get_or_set(
        f"visits:page:{page.pk}", lambda: figures.page_views(page.pk), settings.VISITS_SUMMARY_SECONDS
    )
