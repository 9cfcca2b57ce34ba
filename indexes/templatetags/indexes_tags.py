"""Template filters for scores (the formatting itself lives in `indexes.formatting`); an agency's news."""

from django import template

from indexes import formatting
from indexes.models import Agency

AGENCY_NEWS_SHOWN = 5

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


@register.simple_tag
def agency_news(slug: str) -> list:
    """The newest public articles naming the agency, in one query. News names agencies, the figures
    name no news: the articles' model is the other side of the agencies' `articles` relation."""
    relation = Agency._meta.get_field("articles")
    articles = relation.related_model.objects.live().public().filter(**{f"{relation.field.name}__slug": slug})
    return list(articles.order_by("-first_published_at")[:AGENCY_NEWS_SHOWN])
