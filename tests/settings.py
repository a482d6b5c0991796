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
