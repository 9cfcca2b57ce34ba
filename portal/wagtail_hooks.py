"""The portal in Wagtail's admin: the visitor figures on the dashboard, and the locked sign-ins."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.visits.panels import VisitorStatisticsPanel


@hooks.register("construct_homepage_panels")
def add_visitor_statistics_panel(request, panels):
    panels.append(VisitorStatisticsPanel())


class LockedSignInsMenuItem(MenuItem):
    """Cài đặt → Đăng nhập bị khóa, for those who may change users."""

    def is_shown(self, request):
        from portal.login_lockouts import PERMISSION

        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_login_lockouts_url():
    """The locked sign-ins, at /admin/login-lockouts/."""
    from portal.login_lockouts import LockedSignInsView

    return [path("login-lockouts/", LockedSignInsView.as_view(), name="portal_login_lockouts")]


@hooks.register("register_settings_menu_item")
def register_login_lockouts_menu_item():
    return LockedSignInsMenuItem(
        _("Locked sign-ins"),
        reverse("portal_login_lockouts"),
        name="login-lockouts",
        icon_name="lock",
        order=610,
    )
