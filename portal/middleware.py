"""Middleware that crosses every page."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

# What Wagtail's admin needs beyond the public policy: inline scripts and styles in its templates,
# blob: and data: previews of uploads, and framing itself for the live preview panel.
ADMIN_POLICY_UPDATE = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
    "frame-src": ["blob:"],
}


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the strict public policy, relaxed only under the admin paths."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.ADMIN_PATH_PREFIXES):
            parts.update = {**ADMIN_POLICY_UPDATE, **(parts.update or {})}
        return parts
