"""Sign-in throttling: a user name locked from an address after a few wrong passwords, and unlocking it.

django-axes records each failed sign-in in the database (`AccessAttempt`: user name, address, browser)
and refuses a user name from an address once it failed `LOGIN_FAILURE_LIMIT` times there, for
`LOGIN_LOCKOUT_MINUTES` (settings in `portal/settings/base.py`). This module gives it the portal's
ways:

- the address is read as the visitor counter reads it (`portal.http.client_address`, which honours
  `TRUSTED_PROXY_COUNT`);
- a locked-out visitor gets the login form back, with a Vietnamese message and a 429, not a bare page;
- users who may change users see the locked user names in the admin (*Cài đặt → Đăng nhập bị khóa*)
  and unlock them.
"""

import ipaddress
from datetime import datetime

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db.models import Max, Sum
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.http import client_address, error_response

PERMISSION = "auth.change_user"


def client_ip(request) -> str | None:
    """The client's address as the visitor counter reads it, or None when it is not an address.

    axes stores it in an IP address column: anything else (an empty REMOTE_ADDR, a forwarded entry
    that is not an address) would fail on PostgreSQL, so those clients share one "unknown" bucket.
    """
    address = client_address(request)
    return address if is_address(address) else None


def is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def lockout_message() -> str:
    if settings.AXES_COOLOFF_TIME:
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        return ngettext(
            "Too many wrong passwords for this user name from your address: signing in is blocked for "
            "%(minutes)d minute. Try again later, or ask an administrator to unlock it.",
            "Too many wrong passwords for this user name from your address: signing in is blocked for "
            "%(minutes)d minutes. Try again later, or ask an administrator to unlock it.",
            minutes,
        ) % {"minutes": minutes}
    return _(
        "Too many wrong passwords for this user name from your address: signing in is blocked until "
        "an administrator unlocks it."
    )


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out sign-in gets (AXES_LOCKOUT_CALLABLE): the login form again, saying why, as a 429.

    The login view has already rendered its form with "wrong user name or password"; that error is
    replaced by the lockout message and the page rendered again. Anything else gets the portal's
    error page with the same message.
    """
    message = lockout_message()
    form = (getattr(original_response, "context_data", None) or {}).get("form")
    if form is not None and hasattr(form, "errors"):
        form.errors[NON_FIELD_ERRORS] = form.error_class([message])
        original_response.content = original_response.rendered_content
        original_response.status_code = settings.AXES_HTTP_RESPONSE_CODE
        return original_response
    return error_response(request, message, settings.AXES_HTTP_RESPONSE_CODE)


def locked_sign_ins(now: datetime | None = None) -> list[dict]:
    """The user names locked from an address now: user name, address, failures, last failure, until when."""
    now = now or timezone.now()
    rows = (
        AccessAttempt.objects.values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last_failure=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last_failure")
    )
    locked = []
    for row in rows:
        until = row["last_failure"] + settings.AXES_COOLOFF_TIME if settings.AXES_COOLOFF_TIME else None
        if until is None or until > now:
            locked.append({**row, "until": until})
    return locked


class LockedSignInsView(WagtailAdminTemplateMixin, TemplateView):
    """Cài đặt → Đăng nhập bị khóa: the locked user names, each with a button that unlocks it."""

    template_name = "portal/admin/login_lockouts.html"
    page_title = gettext_lazy("Locked sign-ins")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "locked": locked_sign_ins(),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "lockout_minutes": settings.LOGIN_LOCKOUT_MINUTES,
        }

    def post(self, request, *args, **kwargs):
        """Unlock one user name from one address (or from every address when no address is given)."""
        username = request.POST.get("username", "")
        address = request.POST.get("ip_address", "")
        if not username or (address and not is_address(address)):
            messages.error(request, _("Choose a locked user name to unlock."))
            return redirect(reverse("portal_login_lockouts"))
        removed = reset(username=username, ip=address or None)
        if removed:
            messages.success(request, _("“%(username)s” can sign in again.") % {"username": username})
        else:
            messages.warning(request, _("“%(username)s” was not locked.") % {"username": username})
        return redirect(reverse("portal_login_lockouts"))
