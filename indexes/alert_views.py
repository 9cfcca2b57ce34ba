"""The e-mail alerts' pages: subscribe, confirm (double opt-in), unsubscribe (one click, RFC 8058).

These views take POSTs from people who have no session with the portal, and from mail programs (the
one-click unsubscribe), so they are exempt from Django's CSRF check, which needs a cookie; none of them
acts on anyone's behalf: subscribing only sends a confirmation link to the address given, and the other
two act on the subscription their signed link names. No page ever shows the address.
"""

from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from indexes import alerts
from indexes.models import Agency, AlertSubscription
from portal.ratelimit import over_limit

EDITIONS = "ky-moi"
HONEYPOT = "website"


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    topic = forms.ChoiceField(label=_("Tell me about"))
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.with_published_figures().order_by("name").values_list("slug", "name")
        self.fields["topic"].choices = [(EDITIONS, gettext("Every new edition of the index")), *agencies]

    def agency(self) -> Agency | None:
        topic = self.cleaned_data["topic"]
        return None if topic == EDITIONS else Agency.objects.get(slug=topic)


def page(request, context: dict, status: int = 200):
    response = TemplateResponse(
        request,
        "indexes/alerts/alerts_page.html",
        {"canonical_url": request.build_absolute_uri(request.path), **context},
        status=status,
    )
    add_never_cache_headers(response)
    return response


@csrf_exempt
@require_http_methods(["GET", "POST"])
def subscribe(request):
    """The form; sent, it answers the same whatever the address (no one learns who subscribes)."""
    if request.method == "GET":
        form = SubscribeForm(initial={"topic": request.GET.get("co-quan") or EDITIONS})
        return page(request, {"form": form, "honeypot": form[HONEYPOT]})
    form = SubscribeForm(request.POST)
    if request.POST.get(HONEYPOT, "").strip():
        message = gettext(
            "A field meant to stay empty was filled in, as robots do. Leave it empty and send again."
        )
        return page(request, {"form": form, "honeypot": form[HONEYPOT], "refusal": message}, 400)
    if not form.is_valid():
        message = gettext("Some answers need correcting: see the messages by each field.")
        return page(request, {"form": form, "honeypot": form[HONEYPOT], "refusal": message}, 400)
    if over_limit(request, "alerts", per_hour=settings.ALERTS_RATE_PER_HOUR):
        message = gettext(
            "Many subscriptions have come from your address in the last hour. Please try again later."
        )
        response = page(request, {"form": form, "honeypot": form[HONEYPOT], "refusal": message}, 429)
        response["Retry-After"] = "3600"
        return response
    email, agency = form.cleaned_data["email"].strip().lower(), form.agency()
    try:
        with transaction.atomic():
            subscription, _created = AlertSubscription.objects.get_or_create(email=email, agency=agency)
            if subscription.confirmed_at is None:
                alerts.ask_to_confirm(subscription)
    except IntegrityError:  # the same address sent twice at the same moment: the other request has it
        pass
    return page(request, {"sent": True})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """The link in the confirmation mail: a button (link checkers follow links), then confirmed."""
    subscription = alerts.subscription_for(token, alerts.CONFIRM_SALT, max_age=alerts.confirm_max_age())
    if subscription is None:
        message = gettext(
            "This confirmation link is not valid or has expired. Subscribe again to get a new one."
        )
        return page(request, {"refusal": message}, 404)
    if request.method == "GET":
        return page(request, {"confirming": True, "topic": alerts.topic_name(subscription)})
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return page(
        request,
        {
            "confirmed": True,
            "topic": alerts.topic_name(subscription),
            "unsubscribe_url": alerts.unsubscribe_url(subscription),
        },
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """Unsubscribe: a button, or at once for the one-click POST of RFC 8058; the address is deleted."""
    subscription = alerts.subscription_for(token, alerts.UNSUBSCRIBE_SALT)
    if request.method == "GET":
        if subscription is None:
            return page(request, {"unsubscribed": True})  # already gone: nothing left to do
        return page(request, {"unsubscribing": True, "topic": alerts.topic_name(subscription)})
    if subscription is not None:
        subscription.delete()
    return page(request, {"unsubscribed": True})
