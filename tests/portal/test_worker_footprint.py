"""A web worker loads only what serving pages needs.

A gunicorn worker must stay under 150 MB (README, "Performance"). The clients of search servers that are
not configured (Elasticsearch's and OpenSearch's: 23 MB together), the spreadsheet library (7 MB, for
downloads and imports) and the calendar library (3 MB, for the schedule's feeds) are imported where they
are used, not when the site starts: this checks it in a fresh interpreter, as a worker starts.
"""

import json
import os
import subprocess
import sys

from django.conf import settings

LOADED_BY_PAGES = """
import json, sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns  # every app's URLs, Wagtail's admin and hooks with them
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""

ONLY_WHEN_USED = {"elasticsearch", "elastic_transport", "opensearchpy", "openpyxl", "icalendar"}


def test_a_starting_worker_leaves_unused_clients_and_file_formats_unloaded():
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    environment.pop("SEARCH_URL", None)  # the database backend, as the default install has
    result = subprocess.run(
        [sys.executable, "-c", LOADED_BY_PAGES],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))

    assert "wagtail" in loaded and "news" in loaded  # the probe did start the site
    assert not loaded & ONLY_WHEN_USED


def test_a_worker_serving_ever_new_addresses_keeps_a_bounded_memo_of_their_other_language():
    """The language switch remembers each address's other language (portal_tags.address_in); a crawler
    asking for a hundred thousand addresses must not grow the worker by as many entries."""
    from django.utils import translation

    from portal.templatetags import portal_tags

    portal_tags._translated.clear()
    with translation.override("vi"):
        for number in range(portal_tags._translated.most + 500):
            english = portal_tags.address_in(f"/tin-tuc/bai-{number}/", "en")
            assert english.startswith("/en/") and english.endswith(f"/bai-{number}/")
    assert 0 < len(portal_tags._translated) <= portal_tags._translated.most
    assert portal_tags.address_in("/tin-tuc/bai-7/", "en") == english.replace(f"bai-{number}", "bai-7")
    portal_tags._translated.clear()
