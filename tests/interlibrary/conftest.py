"""Interlibrary pages are checked in English (a user's language is otherwise Uzbek)."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _english_pages(client: Client) -> None:
    client.cookies["django_language"] = "en"
