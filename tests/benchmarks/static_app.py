"""The fastest a WSGI app can answer on this gunicorn: each page's bytes and headers, read once at start.

The page benchmark (`pages_benchmark.py`) serves with it what the anonymous page cache served for each
page, and compares: the cached portal should answer at least half as many requests a second as this app.
`STATIC_PAGES` names a JSON file: {path with query: [status, [[header, value], …], body as latin-1]}.
"""

import json
import os
from pathlib import Path

PAGES = {
    path: (f"{status} OK", [tuple(header) for header in headers], body.encode("latin-1"))
    for path, (status, headers, body) in json.loads(Path(os.environ["STATIC_PAGES"]).read_text()).items()
}
NOT_FOUND = ("404 Not Found", [("Content-Type", "text/plain")], b"not found")


def application(environ, start_response):
    query = environ.get("QUERY_STRING", "")
    status, headers, body = PAGES.get(environ["PATH_INFO"] + (f"?{query}" if query else ""), NOT_FOUND)
    start_response(status, headers)
    return [body]
