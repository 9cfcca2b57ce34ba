"""When the search server fails: say so quickly, and keep the rest of the portal serving.

With `SEARCH_URL` the engine is Elasticsearch or OpenSearch on another machine. When it refuses
connections, times out or answers with an error, a search becomes `SearchUnavailable`, which the page
and the API answer with a Vietnamese "temporarily unavailable" 503 and `Retry-After`. After a failure
no request goes to the engine for `SEARCH_RETRY_SECONDS`: a server that accepts connections and never
answers would otherwise hold a worker for `SEARCH_TIMEOUT` on every search (and every suggestion
while someone types), until every worker waits and no page is served. The first search after that
tries again, so search comes back by itself.
"""

import functools
import logging
import threading
import time
from contextlib import contextmanager

from django.conf import settings

logger = logging.getLogger(__name__)


@functools.cache
def _errors_of(backend: str) -> tuple[type[Exception], ...]:
    errors: list[type[Exception]] = []
    if "elasticsearch" in backend:
        from elastic_transport import TransportError
        from elasticsearch import ApiError

        errors += [TransportError, ApiError]
    if "opensearch" in backend:
        from opensearchpy.exceptions import OpenSearchException

        errors.append(OpenSearchException)
    return tuple(errors)


def engine_errors() -> tuple[type[Exception], ...]:
    """The exceptions the configured engine's client raises for a server that is down, slow or failing
    (none for the database backend). The clients are imported only when configured: together they
    weigh 23 MB in every worker."""
    return _errors_of(settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"])


_unavailable_until = 0.0
_lock = threading.Lock()


class SearchUnavailable(Exception):
    """The search server cannot answer now; try again after `retry_after` seconds."""

    def __init__(self, retry_after: int):
        super().__init__(f"Search is unavailable; retry after {retry_after} s.")
        self.retry_after = retry_after


def retry_after() -> int:
    return max(1, settings.SEARCH_RETRY_SECONDS)


@contextmanager
def engine_guard():
    """Run engine calls; turn the engine's failures, and calls during a known outage, into `SearchUnavailable`."""
    global _unavailable_until
    if time.monotonic() < _unavailable_until:
        raise SearchUnavailable(retry_after())
    try:
        yield
    except engine_errors() as error:
        with _lock:
            first = _unavailable_until == 0.0
            _unavailable_until = time.monotonic() + settings.SEARCH_RETRY_SECONDS
        log = logger.error if first else logger.warning
        log("Search server failing; searches answer 503 for %s s: %r", settings.SEARCH_RETRY_SECONDS, error)
        raise SearchUnavailable(retry_after()) from error
    else:
        if _unavailable_until:
            with _lock:
                _unavailable_until = 0.0


def reset() -> None:
    """Forget a recorded outage (for tests, and after the server was replaced)."""
    global _unavailable_until
    with _lock:
        _unavailable_until = 0.0
