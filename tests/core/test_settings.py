"""Settings from the environment: data folder, generated secret key, SQLite in WAL mode."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

SNIPPET = "from django.conf import settings; print(settings.SECRET_KEY); print(settings.DEBUG)"


def _settings_in(data_dir: Path, snippet: str = SNIPPET, **env: str) -> list[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("KUTUBXONA_")}
    environment.update(KUTUBXONA_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="kutubxona.settings", **env)
    code = f"import django; django.setup(); {snippet}"
    result = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = _settings_in(tmp_path)
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert _settings_in(tmp_path) == first
    assert len(first[0]) >= 50 and first[1] == "False"
    assert _settings_in(tmp_path / "other")[0] != first[0]


def test_debug_only_when_asked(tmp_path: Path) -> None:
    assert _settings_in(tmp_path, KUTUBXONA_DEBUG="1")[1] == "True"


def test_import_files_days_is_kept_within_a_date_the_sweep_can_compute(tmp_path: Path) -> None:
    # A huge number would overflow the sweep's date every day; a negative one sweep at once.
    snippet = "from django.conf import settings; print(settings.KUTUBXONA_IMPORT_FILES_DAYS)"
    for given, kept in (("99999999", "36500"), ("-5", "0"), ("45", "45")):
        assert _settings_in(tmp_path, snippet, KUTUBXONA_IMPORT_FILES_DAYS=given) == [kept]


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only setting")
    # The test database is a file (tests/settings.py), as in production.
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
