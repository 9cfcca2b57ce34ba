"""`{% question_form %}`: the question form, with a fresh token, on any page (the contact page shows it).

A page that shows it must not be kept by a shared cache (the token is the visitor's own): the contact
page says so in its response headers.
"""

from django import template
from wagtail.models import Site

from portal.questions.forms import QuestionForm, new_token

register = template.Library()


@register.inclusion_tag("questions/includes/question_form.html", takes_context=True)
def question_form(context, heading_level: int = 2):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    form = QuestionForm(initial={"token": new_token()}, site=site)
    return {"form": form, "honeypot": form["trang_web"], "request": context.get("request"), "compact": True}
