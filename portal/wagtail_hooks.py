"""The portal in Wagtail's admin: the visitor figures on the dashboard, the locked sign-ins, and image and
document deletion."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.visits.panels import VisitorStatisticsPanel


@hooks.register("construct_homepage_panels")
def add_visitor_statistics_panel(request, panels):
    """The visitor figures; "Chờ bạn duyệt" first on a moderator's dashboard, above the figures, found
    with one query however many department sites there are (portal/moderation.py)."""
    from portal.moderation import AwaitingReviewPanel

    panels.append(VisitorStatisticsPanel())
    for position, panel in enumerate(panels):
        if panel.name == AwaitingReviewPanel.name:
            panels[position] = AwaitingReviewPanel()
            panels[position].order = 10


@hooks.register("register_admin_urls")
def register_confirm_approval_url():
    """The dashboard's confirmation before approving a page (portal/moderation.py)."""
    from portal.moderation import ConfirmApprovalView

    return [
        path(
            "pages/<int:page_id>/confirm-approval/<int:task_state_id>/",
            ConfirmApprovalView.as_view(),
            name="portal_confirm_approval",
        )
    ]


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


@hooks.register("register_admin_urls", order=-1)
def answer_media_delete_addresses():
    """The image and document delete views that say why they refuse, at Wagtail's own addresses.

    Registered before Wagtail's images and documents (order -1), so these patterns match first;
    `tests/portal/test_media_permissions.py` checks that Wagtail's names resolve here.
    """
    from portal.admin_media_views import PortalDocumentDeleteView, PortalImageDeleteView

    return [
        path("images/<int:image_id>/delete/", PortalImageDeleteView.as_view(), name="portal_image_delete"),
        path(
            "documents/delete/<int:document_id>/",
            PortalDocumentDeleteView.as_view(),
            name="portal_document_delete",
        ),
    ]
