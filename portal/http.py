"""What every view of the portal shares about HTTP: who is asking, and telling them what went wrong."""

from django.conf import settings
from django.template.response import TemplateResponse


def client_address(request_or_environ) -> str:
    """The client's address: REMOTE_ADDR, or the proxy's X-Forwarded-For entry when proxies are trusted.

    With TRUSTED_PROXY_COUNT = n, the n-th address from the right of X-Forwarded-For is the one the
    outermost trusted proxy saw; anything to its left could have been written by the client.
    Takes a Django request or a WSGI environ (the hit counter answers before Django builds a request).
    """
    meta = getattr(request_or_environ, "META", request_or_environ)
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return meta.get("REMOTE_ADDR", "")


def error_response(request, message: str, status: int = 400) -> TemplateResponse:
    """A page in the site shell that tells the reader, in their language, what was wrong with their request."""
    return TemplateResponse(
        request, "portal/error.html", {"message": message, "status": status}, status=status
    )
