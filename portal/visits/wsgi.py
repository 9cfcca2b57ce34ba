"""The hit endpoint at WSGI level, in front of Django, for the request every page view makes.

A page view's 1×1 image needs none of Django's routing, sessions, CSRF, locale or security
middleware, and not the database connection being closed and opened again around each request; this
answers it straight from the WSGI server, at several times the rate. Everything else goes to Django.
The Django view `portal.visits.views.hit` does the same (it is what the test client and any server not
using `portal.wsgi` reach), through the same functions in `portal.visits.counting`.
"""

from types import SimpleNamespace
from urllib.parse import parse_qs

from portal.visits import counting

HEADERS = [
    ("Content-Type", "image/gif"),
    ("Cache-Control", "no-store, private"),
    ("X-Content-Type-Options", "nosniff"),
    ("Content-Length", str(len(counting.PIXEL))),
]


class FlushAfterResponse(list):
    """The response body; the WSGI server calls close() once it is sent, and the flush runs then."""

    def close(self):
        counting.flush_quietly()


class HitCounterApp:
    """WSGI middleware: answers GET /api/v1/visits/hit itself and passes every other request on."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != counting.HIT_PATH or environ.get("REQUEST_METHOD") != "GET":
            return self.application(environ, start_response)
        try:
            page_id = counting.parse_page_parameter(
                parse_qs(environ.get("QUERY_STRING", "")).get("page", [""])[0]
            )
        except ValueError as error:
            message = str(error).encode()
            start_response(
                "400 Bad Request",
                [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(message)))],
            )
            return [message]
        # Never fails for an unreachable store: Redis down goes to the database, both down drops the hit.
        counting.record_hit(SimpleNamespace(META=environ), page_id)
        start_response("200 OK", HEADERS)
        body = FlushAfterResponse([counting.PIXEL]) if counting.flush_is_due() else [counting.PIXEL]
        return body
