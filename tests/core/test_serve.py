"""The installed `kutubxona` command on a fresh data folder: migrate, demo, serve, log in."""

import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

KUTUBXONA = str(Path(sys.executable).with_name("kutubxona"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(data: Path) -> dict[str, str]:
    """A clean environment for the installed command: SQLite in `data`, production settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KUTUBXONA_") and k != "DATABASE_URL"}
    env.update(KUTUBXONA_DATA_DIR=str(data), DJANGO_SETTINGS_MODULE="kutubxona.settings")
    return env


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder migrated and loaded with the demo by the installed command."""
    data = tmp_path_factory.mktemp("data")
    for command in (["migrate", "--noinput", "-v0"], ["demo"]):
        subprocess.run([KUTUBXONA, *command], env=_env(data), check=True, capture_output=True)
    assert (data / "kutubxona.sqlite3").exists() and (data / "secret_key").exists()
    return data


@contextmanager
def _serving(env: dict[str, str]) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen([KUTUBXONA, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def server(data: Path) -> Iterator[str]:
    with _serving(_env(data)) as url:
        yield url


def test_console_command_lists_our_commands(tmp_path: Path) -> None:
    run = subprocess.run([KUTUBXONA, "help"], capture_output=True, text=True, check=True, env=_env(tmp_path))
    out = run.stdout
    for command in ("serve", "demo", "translations", "migrate"):
        assert command in out


def test_served_login_page_and_static_files(server: str) -> None:
    page = urllib.request.urlopen(f"{server}/login/").read().decode()
    assert '<html lang="uz">' in page
    stylesheet = re.search(r'href="(/static/kutubxona/app\.[0-9a-f]+\.css)"', page)
    assert stylesheet, "static files are served with hashed names from the manifest"
    css = urllib.request.urlopen(server + stylesheet.group(1))
    assert css.status == 200 and b"--accent" in css.read()


def test_served_site_logs_in_a_demo_user(server: str) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{server}/login/").read().decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert match
    form = {
        "csrfmiddlewaretoken": match.group(1),
        "username": "arnasoy.director",
        "password": "kutubxona-demo",
    }
    home = opener.open(f"{server}/login/", urllib.parse.urlencode(form).encode()).read().decode()
    assert "Arnasoy tuman axborot-kutubxona markazi" in home


def _fail_login(url: str, username: str, forwarded_for: str) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{url}/login/").read().decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert match
    form = {"csrfmiddlewaretoken": match.group(1), "username": username, "password": "wrong"}
    request = urllib.request.Request(
        f"{url}/login/", urllib.parse.urlencode(form).encode(), headers={"X-Forwarded-For": forwarded_for}
    )
    opener.open(request).read()


def _failed_addresses(data: Path, username: str) -> set[str]:
    with sqlite3.connect(data / "kutubxona.sqlite3") as db:
        rows = db.execute("SELECT ip_address FROM axes_accessattempt WHERE username = ?", (username,))
        return {row[0] for row in rows}


def test_only_a_trusted_proxy_names_the_readers_address(data: Path, server: str) -> None:
    # Without KUTUBXONA_TRUSTED_PROXY a forged header is ignored: the connection's address counts.
    _fail_login(server, "zomin.director", "198.51.100.9")
    assert _failed_addresses(data, "zomin.director") == {"127.0.0.1"}
    # Behind a proxy on this machine, the proxy's X-Forwarded-For is the reader's address, so
    # one reader's typos do not lock out everyone the proxy serves.
    with _serving({**_env(data), "KUTUBXONA_TRUSTED_PROXY": "127.0.0.1"}) as proxied:
        _fail_login(proxied, "dostlik.director", "203.0.113.7")
    assert _failed_addresses(data, "dostlik.director") == {"203.0.113.7"}


def test_waitress_takes_a_body_as_large_as_any_of_our_upload_limits(settings: Any) -> None:
    # A raised limit of ours answers with our translated message, not waitress's English page.
    from kutubxona.core.management.commands.serve import waitress_options

    for name, megabytes in (("KUTUBXONA_SCAN_MAX_MB", 2048), ("KUTUBXONA_DELIVERY_MAX_MB", 3072)):
        setattr(settings, name, megabytes)
        assert waitress_options()["max_request_body_size"] > megabytes * 1024 * 1024, name
