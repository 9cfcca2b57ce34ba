"""Middleware that crosses every page, and the same security headers on static files."""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django_permissions_policy import PermissionsPolicyMiddleware

# What Wagtail's admin needs beyond the public policy: inline scripts and styles in its templates,
# blob: and data: previews of uploads, and framing itself for the live preview panel.
ADMIN_POLICY_UPDATE = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
    "frame-src": ["blob:"],
}


# XML documents (the sitemap, the RSS feeds) run nothing and load nothing. Browsers show them in a viewer
# of their own, which Chromium styles with inline CSS (and a data: image) that the public policy blocks:
# two violations each time someone opens the sitemap. So they get a policy of their own, stricter for
# everything else: no script, no connection, no form, nothing loaded but that styling.
XML_POLICY = {
    "default-src": ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["data:"],
    "frame-ancestors": ["'self'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
}
XML_CONTENT_TYPES = ("application/xml", "text/xml", "application/rss+xml", "application/atom+xml")


def is_xml_document(response) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip().lower() in XML_CONTENT_TYPES


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the strict public policy, relaxed only under the admin paths; XML
    documents get `XML_POLICY` instead."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if request.path_info.startswith(settings.ADMIN_PATH_PREFIXES):
            parts.update = {**ADMIN_POLICY_UPDATE, **(parts.update or {})}
        elif is_xml_document(response) and parts.config is None:
            parts.config = XML_POLICY
        return parts


def static_file_headers(headers, path, url) -> None:
    """WhiteNoise's `WHITENOISE_ADD_HEADERS_FUNCTION`: a static file gets the public pages' headers.

    WhiteNoise answers before the middleware that adds the Content-Security-Policy, `X-Frame-Options`
    and `Permissions-Policy`, so it adds them here, built from the same settings those middleware read
    (`CONTENT_SECURITY_POLICY`, `X_FRAME_OPTIONS`, `PERMISSIONS_POLICY`). An SVG opened on its own then
    runs no script and a stylesheet cannot be framed. WhiteNoise computes them once per file.
    """
    if csp := build_policy():
        headers["Content-Security-Policy"] = csp
    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    if permissions := PermissionsPolicyMiddleware.compute_header_value(
        settings.PERMISSIONS_POLICY, name="PERMISSIONS_POLICY"
    ):
        headers["Permissions-Policy"] = permissions
