"""Template filters for scores; the formatting itself lives in `indexes.formatting`."""

from django import template

from indexes import formatting

register = template.Library()

register.filter("points", formatting.points)
register.filter("signed", formatting.signed)
register.filter("rank_change", formatting.rank_change)
register.simple_tag(formatting.share_of, name="share_of")


@register.filter
def change_class(value) -> str:
    """A CSS modifier for a change: up, down or same."""
    if value is None or value == 0:
        return "same"
    return "up" if value > 0 else "down"
