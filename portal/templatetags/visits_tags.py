"""The visitor figures in templates: the visitor box of every page and an article's view count."""

from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

from portal.caching.local import WorkerMemo
from portal.visits import figures

register = template.Library()


# The box as drawn for each language and set of figures, in this process: the figures change at most
# every VISITS_SUMMARY_SECONDS, and drawing the box (four localised numbers, five translations, a
# link) cost 0.44 ms of every page.
_drawn_boxes = WorkerMemo(most=64)


@register.simple_tag(takes_context=True)
def visitor_box(context) -> str:
    """The visitor box of every page, from figures at most VISITS_SUMMARY_SECONDS old: the site's
    own on a department's site, the province's on the hub.

    Pages served from a cache show the figures of when they were made; the script refreshes them
    from /api/v1/visits/summary.
    """
    request = context.get("request")
    site_id = figures.scope_of(request) if request is not None else None
    summary = figures.box_summary(site_id)
    key = (get_language(), summary)
    html = _drawn_boxes.get(key)
    if html is None:
        html = _drawn_boxes.keep(key, render_to_string("includes/visitor_box.html", {"summary": summary}))
    return html


@register.simple_tag
def page_view_count(page) -> int:
    """A page's view count, at most VISITS_SUMMARY_SECONDS old."""
    return figures.held_page_views(page.pk)
