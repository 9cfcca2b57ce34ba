"""Settings for the test suite: the same stack as dev, with fast password hashing.

DATABASE_URL and REDIS_URL still apply, so the same suite runs on PostgreSQL and Redis.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from portal.settings.base import *  # noqa: F403

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost", ".localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# What the tests write to media storage (uploads, renditions, the demo's pictures) goes to a folder of
# the test session's own, never into the checkout: made here, and removed when the process that made it
# exits (however the session ends, --collect-only included). TEST_MEDIA_ROOT names another folder,
# which is then kept. The variable is set for the processes the tests start, so that a child process
# with these settings writes to the same folder (and leaves it to its parent); live servers run in the
# test process itself.
if os.environ.get("TEST_MEDIA_ROOT"):
    MEDIA_ROOT = Path(os.environ["TEST_MEDIA_ROOT"])
else:
    MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-media-"))
    os.environ["TEST_MEDIA_ROOT"] = str(MEDIA_ROOT)
    atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
PAGE_CACHE_SECONDS = 0  # tests of the page cache turn it on themselves
VISITS_API_CACHE_SECONDS = 0  # tests read the figures right after making them

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: the load tests' threads each open their own connection to it.
    # TEST_SQLITE_NAME lets two test runs share a checkout without sharing a database.
    test_name = env_str("TEST_SQLITE_NAME", ".test-db.sqlite3")  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / test_name)}  # noqa: F405
else:
    # The suite's commits need not survive a crash of the database server: not waiting for each to
    # reach the disk shortens the PostgreSQL run (live-server tests commit and flush the tables often).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
