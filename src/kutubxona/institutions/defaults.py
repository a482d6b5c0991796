"""The services and sectors every new institution starts with (the seed plan's), from fixtures."""

import json
from functools import cache
from pathlib import Path
from typing import Any

DEFAULTS_FILE = Path(__file__).with_name("fixtures") / "defaults.json"


@cache
def _load() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DEFAULTS_FILE.read_text(encoding="utf-8"))
    return data


def default_services() -> list[dict[str, Any]]:
    return list(_load()["services"])


def default_sectors() -> list[dict[str, Any]]:
    return list(_load()["sectors"])
