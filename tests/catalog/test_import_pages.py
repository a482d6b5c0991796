"""Importing from the page: upload, the job's progress and report, the list, resume, bad files, access."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kutubxona.catalog.import_forms import ENCODING_CHOICES, FLAVOUR_CHOICES, FORMAT_CHOICES, MATCH_CHOICES
from kutubxona.catalog.importing import KIND
from kutubxona.catalog.marc.reading import ENCODINGS, FLAVOURS, FORMATS
from kutubxona.catalog.matching import MATCH_MODES
from kutubxona.catalog.models import Record
from kutubxona.core import jobs
from kutubxona.core.models import AuditEntry, Job, JobStatus
from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.models import User
from kutubxona.institutions.roles import Role
from tests.conftest import PASSWORD, World, login


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client: Client, path: Path, **options: str) -> Any:
    client.cookies["django_language"] = "en"
    data: dict[str, Any] = {
        "format": "auto",
        "flavour": "auto",
        "encoding": "auto",
        "match": "skip",
        **options,
    }
    data["file"] = SimpleUploadedFile(path.name, path.read_bytes())
    return client.post(reverse("catalog:import_upload"), data)


def test_the_options_are_those_of_the_command() -> None:
    for choices, allowed in (
        (FORMAT_CHOICES, FORMATS),
        (FLAVOUR_CHOICES, FLAVOURS),
        (ENCODING_CHOICES, ENCODINGS),
        (MATCH_CHOICES, MATCH_MODES),
    ):
        assert [code for code, _label in choices] == list(allowed)


def test_an_upload_is_imported_and_reported(
    client: Client, world: World, dilnoza: User, samples: Path
) -> None:
    login(client, dilnoza)
    response = upload(client, samples / "marc21-marc8-hebrew-20.mrc")
    job = Job.objects.get(kind=KIND)
    assert response.status_code == 302 and response["Location"] == reverse(
        "catalog:import_detail", args=[job.pk]
    )
    stored = Path(job.params["path"])
    assert stored.is_file() and stored.read_bytes() == (samples / "marc21-marc8-hebrew-20.mrc").read_bytes()
    assert job.params["file_name"] == "marc21-marc8-hebrew-20.mrc" and job.created_by == dilnoza
    assert AuditEntry.objects.filter(action="catalog.import.start", object_id=str(job.pk)).exists()
    waiting = client.get(reverse("catalog:import_progress", args=[job.pk])).json()
    assert waiting["status"] == "queued" and not waiting["finished"]
    assert (
        '<meta http-equiv="refresh"'
        in client.get(reverse("catalog:import_detail", args=[job.pk])).content.decode()
    )

    assert jobs.run_pending() == 1
    done = client.get(reverse("catalog:import_progress", args=[job.pk])).json()
    assert done["finished"] and done["percent"] == 100 and done["records"] == 20
    assert done["bytes_done"] == done["bytes_total"] == stored.stat().st_size
    page = client.get(reverse("catalog:import_detail", args=[job.pk]))
    assert page.context["result"]["imported"] == 20 and page.context["result"]["failed"] == 0
    text = page.content.decode()
    assert 'data-testid="count-imported">20<' in text and "MARC-8: 20" in text
    assert '<meta http-equiv="refresh"' not in text
    assert Record.objects.filter(institution=world.arnasoy, import_job=job).count() == 20


def test_each_failure_is_reported_with_position_offset_and_reason(
    client: Client, dilnoza: User, samples: Path
) -> None:
    login(client, dilnoza)
    upload(client, samples / "marc21-utf8-zdb-292-plus-1-bad.mrc", match="add")
    jobs.run_pending()
    job = Job.objects.get(kind=KIND)
    page = client.get(reverse("catalog:import_detail", args=[job.pk]))
    result = page.context["result"]
    assert result["imported"] == 292 and result["failed"] == 1
    (failure,) = result["failures"]
    text = page.content.decode()
    assert f"<td>{failure['position']}</td><td>{failure['offset']}</td>" in text
    assert failure["reason"] and failure["offset"] > 0


def test_a_file_that_is_not_marc_is_refused_on_the_form(
    client: Client, dilnoza: User, tmp_path: Path
) -> None:
    login(client, dilnoza)
    for name, content in (
        ("notes.txt", "Bu MARC emas, oddiy matn.\n" * 20),
        ("page.xml", "<html><p>salom</p></html>"),
    ):
        path = tmp_path / name
        path.write_text(content)
        response = upload(client, path)
        assert response.status_code == 200
        errors = response.context["form"].errors["file"]
        assert len(errors) == 1 and errors[0].startswith("This file cannot be imported:")
    assert not Job.objects.exists()
    assert not list((tmp_path / "media" / "imports").rglob("*.*"))


def test_a_forced_format_that_does_not_fit_is_refused(client: Client, dilnoza: User, samples: Path) -> None:
    login(client, dilnoza)
    response = upload(client, samples / "marcxml-oai-envelope-50.xml", format="iso2709")
    assert "not ISO 2709" in response.context["form"].errors["file"][0]
    assert not Job.objects.exists()


def test_the_list_shows_the_institutions_imports(
    client: Client, world: World, dilnoza: User, samples: Path
) -> None:
    login(client, dilnoza)
    upload(client, samples / "marc21-marc8-hebrew-20.mrc")
    page = client.get(reverse("catalog:imports")).content.decode()
    assert "marc21-marc8-hebrew-20.mrc" in page
    login(client, world.alice)
    assert client.get(reverse("catalog:imports")).status_code == 403  # a director reads, imports nothing


def test_a_failed_import_resumes(client: Client, dilnoza: User, samples: Path) -> None:
    login(client, dilnoza)
    upload(client, samples / "marc21-marc8-hebrew-20.mrc")
    job = Job.objects.get(kind=KIND)
    jobs.finish(job, error="The machine was switched off.")
    page = client.get(reverse("catalog:import_detail", args=[job.pk])).content.decode()
    assert "Resume the import" in page and "switched off" in page
    response = client.post(reverse("catalog:import_resume", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    assert AuditEntry.objects.filter(action="catalog.import.resume", actor=dilnoza).count() == 1
    jobs.run_pending()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result["imported"] == 20


def test_an_interrupted_import_offers_resume_and_a_finished_one_does_not(
    client: Client, dilnoza: User, samples: Path
) -> None:
    login(client, dilnoza)
    upload(client, samples / "marc21-marc8-hebrew-20.mrc")
    job = Job.objects.get(kind=KIND)
    jobs.mark_running(job)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(hours=1))
    assert "Resume the import" in client.get(reverse("catalog:import_detail", args=[job.pk])).content.decode()
    jobs.run_pending()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert (
        "Resume the import"
        not in client.get(reverse("catalog:import_detail", args=[job.pk])).content.decode()
    )
    client.post(reverse("catalog:import_resume", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.DONE


def test_the_lending_desk_may_not_import(client: Client, world: World, samples: Path) -> None:
    login(client, world.bob)
    assert client.get(reverse("catalog:import_upload")).status_code == 403
    assert upload(client, samples / "marc21-marc8-hebrew-20.mrc").status_code == 403
    assert client.get(reverse("catalog:imports")).status_code == 403
    assert not Job.objects.exists()


def test_another_districts_import_is_not_found(
    client: Client, world: World, dilnoza: User, samples: Path
) -> None:
    login(client, dilnoza)
    upload(client, samples / "marc21-marc8-hebrew-20.mrc")
    job = Job.objects.get(kind=KIND)
    other = institution_actions.create_staff(
        None, world.dostlik, username="odil", password=PASSWORD, role=Role.CATALOGUER, first_name="Odil"
    )
    login(client, other)
    for name in ("import_detail", "import_progress"):
        assert client.get(reverse(f"catalog:{name}", args=[job.pk])).status_code == 404
    assert client.post(reverse("catalog:import_resume", args=[job.pk])).status_code == 404
    assert "hebrew" not in client.get(reverse("catalog:imports")).content.decode()
