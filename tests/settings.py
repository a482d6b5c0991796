"""Test settings: the real settings, with a fast password hasher and plain static storage."""

import tempfile
from pathlib import Path

from kutubxona.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The manifest storage needs `collectstatic` first; tests render templates without it.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploaded files of the tests go to a folder of their own, not the data folder.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kutubxona-test-media-"))

# SQLite tests run on a file, as the product does (WAL, busy timeout), not on Django's default
# shared-cache in-memory database, whose table locks fail at once where a file would wait:
# the job runner's thread and a test writing at the same time must behave as in production.
_database = DATABASES["default"]  # noqa: F405
if _database["ENGINE"] == "django.db.backends.sqlite3":
    _database["TEST"] = {"NAME": str(Path(tempfile.mkdtemp(prefix="kutubxona-test-db-")) / "test.sqlite3")}
