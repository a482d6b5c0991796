"""Deleting a scan job (what goes, what stays, not while OCR reads it) and running a done job's
OCR again (other languages; the new PDF replaces the old; the pages are not counted again)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kutubxona.catalog.models import FullText, Record
from kutubxona.core import jobs
from kutubxona.core.models import AuditEntry, Job, JobStatus
from kutubxona.digitization import actions
from kutubxona.digitization.models import Kind, PageStatus, ScanJob, ScanPage, Status
from kutubxona.digitization.ocr import work_folder
from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.models import User
from kutubxona.institutions.roles import Role
from kutubxona.planning.periods import Period
from tests.conftest import PASSWORD, World, login
from tests.digitization.conftest import add, make_record, make_scan, page_image
from tests.digitization.test_metrics import _lines
from tests.planning.conftest import make_plan


@pytest.fixture(autouse=True)
def _english(client: Client) -> None:
    client.cookies["django_language"] = "en"


def _done(umid: User, record: Record, *lines: str, languages: tuple[str, ...] = ("uzb",)) -> ScanJob:
    scan = make_scan(umid, record, languages=list(languages))
    add(umid, scan, *(page_image([line]) for line in lines))
    actions.start_ocr(umid, scan)
    assert jobs.run_pending() == 1
    scan.refresh_from_db()
    assert scan.status == Status.DONE, scan.error_text
    return scan


def test_the_page_says_what_goes_and_what_stays_then_deletes(
    client: Client, umid: User, record: Record, django_capture_on_commit_callbacks: Any
) -> None:
    scan = _done(umid, record, "Birinchi", "Ikkinchi")
    shared = page_image(["Ikkinchi"])  # the same file in another job: stored once, by its hash
    other = make_scan(umid, record)
    add(umid, other, shared)
    mine = scan.pages.get(number=1).source.name
    theirs = other.pages.get().source.name
    assert scan.pages.get(number=2).source.name == theirs
    item = scan.fulltext
    assert item is not None
    work_folder(scan).mkdir(parents=True, exist_ok=True)  # as a failed run leaves it

    login(client, umid)
    url = reverse("digitization:delete", args=[scan.pk])
    html = client.get(url).content.decode()
    assert "The job's 2 pages" in html and "1 scanned file" in html
    assert f"The searchable PDF {item.original_name} stays linked to the record" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("digitization:list")
    assert not ScanJob.objects.filter(pk=scan.pk).exists()
    assert not ScanPage.objects.filter(scan_id=scan.pk).exists()
    assert not default_storage.exists(mine) and default_storage.exists(theirs)
    assert not work_folder(scan).exists()
    # The catalogue keeps the searchable PDF.
    assert FullText.objects.get() == item and default_storage.exists(item.file.name)
    entry = AuditEntry.objects.get(action="digitization.delete")
    assert entry.actor == umid and entry.changes["pages"] == 2 and entry.changes["files"] == 1


def test_its_pages_leave_lines_32_and_35(world: World, umid: User, record: Record) -> None:
    plan = make_plan(world, year=timezone.localdate().year)
    period = Period(timezone.localdate().year, "year")
    request = make_scan(umid, record, Kind.REQUEST)
    add(umid, request, page_image(["Bir"]), page_image(["Ikki"]))
    planned = make_scan(umid, record, Kind.PLAN)
    add(umid, planned, page_image(["Uch"]))
    assert _lines(plan, period) == (2, 1)
    actions.delete_scan(umid, request)
    assert _lines(plan, period) == (0, 1)


def test_a_job_being_read_is_not_deleted_a_stalled_or_queued_one_is(
    client: Client, umid: User, record: Record
) -> None:
    scan = make_scan(umid, record)
    add(umid, scan, page_image(["Bir"]))
    job = actions.start_ocr(umid, scan)
    jobs.mark_running(job)  # a runner has it and its heart beats
    ScanJob.objects.filter(pk=scan.pk).update(status=Status.RUNNING)

    login(client, umid)
    url = reverse("digitization:delete", args=[scan.pk])
    html = client.get(url).content.decode()
    assert "OCR is reading this job&#x27;s pages now" in html and "Delete the scan job</button>" not in html
    response = client.post(url, follow=True)
    assert "it can be deleted once OCR has ended" in response.content.decode()
    assert ScanJob.objects.filter(pk=scan.pk).exists() and scan.pages.count() == 1

    # Its process died (no heartbeat for minutes): deleted, and the job called off for good.
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(minutes=5))
    attempts = Job.objects.get(pk=job.pk).attempts
    actions.delete_scan(umid, scan)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.attempts == attempts + 1
    assert jobs.run_pending() == 0

    queued = make_scan(umid, record)
    add(umid, queued, page_image(["Ikki"]))
    waiting = actions.start_ocr(umid, queued)
    actions.delete_scan(umid, queued)
    waiting.refresh_from_db()
    assert waiting.status == JobStatus.FAILED and jobs.run_pending() == 0


def test_only_the_digitisation_service_of_the_library_deletes(
    client: Client, world: World, umid: User, record: Record
) -> None:
    scan = make_scan(umid, record)
    add(umid, scan, page_image(["Bir"]))
    url = reverse("digitization:delete", args=[scan.pk])
    for user in (world.alice, world.maria, world.bob):  # director, methodist, lending desk
        login(client, user)
        assert client.get(url).status_code == 403 and client.post(url).status_code == 403
    elsewhere = institution_actions.create_staff(
        None, world.dostlik, username="sardor", password=PASSWORD, role=Role.ICT, first_name="Sardor"
    )
    login(client, elsewhere)
    assert client.post(url).status_code == 404
    with pytest.raises(Exception, match="digitization"):
        actions.delete_scan(elsewhere, scan)
    assert ScanJob.objects.filter(pk=scan.pk).exists()


def test_ocr_again_with_other_languages_replaces_the_pdf_and_counts_no_page_twice(
    client: Client, world: World, umid: User, record: Record, django_capture_on_commit_callbacks: Any
) -> None:
    plan = make_plan(world, year=timezone.localdate().year)
    period = Period(timezone.localdate().year, "year")
    scan = _done(umid, record, "Мирзачўл далалари", languages=("eng",))  # the wrong script first
    first = scan.fulltext
    assert first is not None and "Мирзач" not in scan.pages.get().text
    linked = timezone.now() - datetime.timedelta(days=40)
    FullText.objects.filter(pk=first.pk).update(uploaded_at=linked)
    assert _lines(plan, period) == (1, 0)

    login(client, umid)
    detail = reverse("digitization:detail", args=[scan.pk])
    assert "Run OCR again" in client.get(detail).content.decode()
    response = client.post(reverse("digitization:again", args=[scan.pk]), {"languages": []}, follow=True)
    assert "Choose at least one OCR language." in response.content.decode()
    response = client.post(reverse("digitization:again", args=[scan.pk]), {"languages": ["uzb_cyrl"]})
    assert response.status_code == 302
    scan.refresh_from_db()
    assert scan.status == Status.QUEUED and scan.languages == "uzb_cyrl"
    assert scan.pages.get().status == PageStatus.WAITING
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.run_pending() == 1

    scan.refresh_from_db()
    assert scan.status == Status.DONE, scan.error_text
    assert "Мирзач" in scan.pages.get().text  # the text overwritten
    second = FullText.objects.get()
    # The same file row, its bytes replaced (the old ones deleted).
    assert second.pk == first.pk and scan.fulltext == second and "Мирзач" in second.text
    assert second.file.name != first.file.name and default_storage.exists(second.file.name)
    assert not default_storage.exists(first.file.name)
    assert second.uploaded_at == linked  # line 13 counts the record when it was first linked
    assert _lines(plan, period) == (1, 0)  # the pages are not counted again
    assert AuditEntry.objects.filter(action="digitization.ocr.again").count() == 1


def test_only_a_done_job_is_read_again(umid: User, record: Record) -> None:
    scan = make_scan(umid, record)
    add(umid, scan, page_image(["Bir"]))
    with pytest.raises(ValidationError, match="Only a job whose OCR is done"):
        actions.run_again(umid, scan)
    pageless = make_scan(umid, make_record(record.institution, "Sahifasiz"))
    ScanPage.objects.create(institution=pageless.institution, scan=pageless, number=1)  # image not kept
    ScanJob.objects.filter(pk=pageless.pk).update(status=Status.DONE)
    with pytest.raises(ValidationError, match="Upload the scanned pages first"):
        actions.run_again(umid, pageless)


def test_ocr_again_keeps_the_file_s_access_and_the_collections_showing_it(
    umid: User, record: Record, django_capture_on_commit_callbacks: Any
) -> None:
    """The new searchable PDF takes the old one's place: the access level a librarian gave the file
    and the digital collection items that show it are not lost (nor a staff-only item shown)."""
    from kutubxona.catalog import fulltext
    from kutubxona.catalog.models import AccessLevel
    from kutubxona.elibrary import actions as elibrary
    from kutubxona.elibrary.models import CollectionItem, Purpose

    scan = _done(umid, record, "Birinchi")
    first = scan.fulltext
    assert first is not None and first.access == scan.access != AccessLevel.PUBLIC
    fulltext.set_access(None, first, AccessLevel.PUBLIC)  # the librarian opened it to everyone
    collection = elibrary.create_collection(
        None, record.institution, name="O'lkashunoslik", purpose=Purpose.LOCAL_HISTORY
    )
    item = elibrary.add_item(None, collection, record, fulltext=first)

    actions.run_again(umid, scan, ["uzb", "rus"])
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.run_pending() == 1
    scan.refresh_from_db()
    assert scan.status == Status.DONE, scan.error_text
    assert scan.fulltext is not None
    assert scan.fulltext.access == AccessLevel.PUBLIC
    assert CollectionItem.objects.get(pk=item.pk).fulltext == scan.fulltext
    assert default_storage.exists(scan.fulltext.file.name)


def test_a_second_click_on_delete_is_no_error(umid: User, record: Record) -> None:
    """Two deletions of the same job at once (a double click, two librarians): the second finds it
    gone and does nothing (no 500, one audit entry)."""
    scan = make_scan(umid, record)
    add(umid, scan, page_image(["Bir"]))
    actions.delete_scan(umid, scan)
    actions.delete_scan(umid, scan)  # the same page, posted again before the first one returned
    assert not ScanJob.objects.filter(pk=scan.pk).exists()
    assert AuditEntry.objects.filter(action="digitization.delete").count() == 1


@pytest.mark.django_db(transaction=True)
def test_ocr_started_while_the_deletion_waits_is_not_left_behind(umid: User, record: Record) -> None:
    """ "Run OCR again" committed between the deletion's reading of the job and its lock on the
    scan: the deletion is refused (OCR started), not done with a queued OCR left for a job
    that no longer exists. PostgreSQL: row locks let the two interleave."""
    import threading

    from django.db import connection, connections, transaction
    from django_scopes import scopes_disabled

    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL")
    scan = _done(umid, record, "Bir")
    assert scan.job is not None
    old_job = scan.job.pk
    holding, errors = threading.Event(), []

    def run_again_meanwhile() -> None:
        try:
            with scopes_disabled(), transaction.atomic():
                Job.objects.select_for_update().get(pk=old_job)  # the deletion waits here
                holding.set()
                for _wait in range(200):  # until the deletion is waiting for this lock
                    with connections["default"].cursor() as cursor:
                        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                        if cursor.fetchone()[0]:
                            break
                    threading.Event().wait(0.05)
                actions.run_again(umid, ScanJob.objects.get(pk=scan.pk))
        except Exception as error:  # pragma: no cover - said by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    other = threading.Thread(target=run_again_meanwhile)
    other.start()
    assert holding.wait(10)
    with pytest.raises(ValidationError, match="OCR was started for this job a moment ago"):
        actions.delete_scan(umid, scan)
    other.join(20)
    assert not errors
    scan.refresh_from_db()
    assert scan.status == Status.QUEUED and scan.job_id != old_job
