"""Template tags of the legal documents library: citations made links, and a document's status."""

from django import template
from django.utils.html import conditional_escape

from portal.legal.citations import link_citations as link

register = template.Library()


@register.filter(is_safe=True)
def link_citations(value, exclude=None):
    """The HTML with its citations of published documents made links:

    {% filter link_citations %}{% include_block page.body %}{% endfilter %}
    {{ edition.methodology|richtext|link_citations }}
    """
    return link(conditional_escape(value), exclude=exclude)
