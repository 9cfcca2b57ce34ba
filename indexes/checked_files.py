"""Files the import screen has checked, kept for an hour so that "Import" writes exactly what the trial
run showed without choosing the file again.

The file is saved in the default storage under a random name; the form carries a signed token naming
it, the user and the edition it was checked against, so no path a browser sends is ever opened.
Files older than an hour are removed whenever the import screen is used (`sweep`).
"""

import contextlib
import re
import secrets
from datetime import timedelta
from pathlib import PurePath

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

FOLDER = "import-checks"
MAX_AGE = timedelta(hours=1)
SALT = "indexes.import-results.checked-file"
STORED_NAME = re.compile(rf"^{FOLDER}/[A-Za-z0-9_-]{{24}}\.(csv|xlsx)$")


class CheckedFileGone(Exception):
    """The token is invalid, expired, someone else's, or its file was removed."""


def keep(upload, *, user, edition_id: int) -> str:
    """Store a checked upload; return the signed token the form sends back."""
    upload.seek(0)
    suffix = PurePath(upload.name).suffix.lower()
    name = default_storage.save(f"{FOLDER}/{secrets.token_urlsafe(18)}{suffix}", ContentFile(upload.read()))
    upload.seek(0)
    return signing.dumps(
        {"name": name, "original": upload.name, "user": user.pk, "edition": edition_id}, salt=SALT
    )


def describe(token: str, *, user) -> dict:
    """What a token names (`name`, `original` file name, `edition` id), if it is valid for `user`."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        raise CheckedFileGone from None
    if data.get("user") != user.pk or not STORED_NAME.match(str(data.get("name", ""))):
        raise CheckedFileGone
    return data


def reopen(token: str, *, user) -> tuple[SimpleUploadedFile, dict]:
    """The checked file again, as an upload under its original name, and what the token says."""
    data = describe(token, user=user)
    try:
        with default_storage.open(data["name"], "rb") as stored:
            content = stored.read()
    except FileNotFoundError:
        raise CheckedFileGone from None
    return SimpleUploadedFile(data["original"], content), data


def discard(token: str, *, user) -> None:
    """Remove the file a token names (after it was imported)."""
    with contextlib.suppress(CheckedFileGone):
        default_storage.delete(describe(token, user=user)["name"])


def sweep() -> int:
    """Remove checked files older than an hour; return how many were removed."""
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    limit = timezone.now() - MAX_AGE
    removed = 0
    for filename in files:
        name = f"{FOLDER}/{filename}"
        if default_storage.get_modified_time(name) < limit:
            default_storage.delete(name)
            removed += 1
    return removed
