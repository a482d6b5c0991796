"""Catalogue fixtures: the shared MARC files, a cataloguer of Arnasoy, and importing helpers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kutubxona.catalog import actions
from kutubxona.catalog.importing import ProgressCallback, import_file
from kutubxona.core.models import Job
from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Role
from tests.conftest import PASSWORD, World


@pytest.fixture
def dilnoza(world: World) -> User:
    """Arnasoy's cataloguer: the role that may import and edit records."""
    return institution_actions.create_staff(
        None, world.arnasoy, username="dilnoza", password=PASSWORD, role=Role.CATALOGUER, first_name="Dilnoza"
    )


def start(actor: User | None, institution: Institution, path: Path, **options: Any) -> Job:
    return actions.start_import(
        actor, institution, path=str(path), options={k: str(v) for k, v in options.items()}
    )


def run_import(
    actor: User | None,
    institution: Institution,
    path: Path,
    on_progress: ProgressCallback | None = None,
    **options: Any,
) -> dict[str, Any]:
    """Import a file as the import job does, here and now; the job's report."""
    return import_file(start(actor, institution, path, **options), on_progress)
