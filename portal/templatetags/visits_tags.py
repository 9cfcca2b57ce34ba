"""The visitor figures in templates: the visitor box of every page and an article's view count."""

from django import template
from django.conf import settings
from django.core.cache import cache

from portal.visits import figures

register = template.Library()


@register.inclusion_tag("includes/visitor_box.html", takes_context=True)
def visitor_box(context):
    """The visitor box of every page, from figures at most VISITS_SUMMARY_SECONDS old: the site's
    own on a department's site, the province's on the hub.

    Pages served from a cache show the figures of when they were made; the script refreshes them
    from /api/v1/visits/summary.
    """
    request = context.get("request")
    site_id = figures.scope_of(request) if request is not None else None
    return {"summary": figures.box_summary(site_id)}


@register.simple_tag
def page_view_count(page) -> int:
    """A page's view count, at most VISITS_SUMMARY_SECONDS old."""
    return cache.get_or_set(
        f"visits:page:{page.pk}", lambda: figures.page_views(page.pk), settings.VISITS_SUMMARY_SECONDS
    )
