"""The background OCR of a scan job (`core.jobs` kind `digitization.ocr`).

Page by page, in order: the page is rendered (a PDF page at 300 dpi, an image upright as it
is), read by Tesseract into text and a one-page searchable PDF kept in the job's work folder,
and its text saved on the page at once: that is the checkpoint, so a job resumed after a
failure or a dead process reads only the pages not read yet. The heart beats after each page
(the page's progress bar) and every 20 s while Tesseract reads one or the pages are merged;
every write is made holding the job's row, and stops if another runner has taken the job over.
At the end the page PDFs are merged into one searchable PDF, which becomes the record's full
text with the pages' text (form feed between pages); a job run again replaces the file it made
before. The merged PDF is not held to the upload limit of full texts (`KUTUBXONA_FULLTEXT_MAX_MB`):
it is made here, from pages each upload of which the scan limit bounded.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_noop

from kutubxona.catalog import fulltext
from kutubxona.core import audit, jobs
from kutubxona.core.models import Job
from kutubxona.digitization import files, tesseract
from kutubxona.digitization.actions import OCR_KIND
from kutubxona.digitization.models import PageStatus, ScanJob, ScanPage, Status
from kutubxona.digitization.tesseract import OcrError

UNREADABLE = gettext_noop("Page %(page)d cannot be read: its file is missing or damaged (%(error)s).")
NOT_ATTACHED = gettext_noop("The searchable PDF could not be linked to the record: %(error)s")
NO_RIGHT = gettext_noop(
    "%(user)s, who started this OCR, may no longer add files to the catalogue: "
    "someone who may should press Retry (the file is then linked in their name)."
)
STOPPED = gettext_noop("OCR stopped: %(error)s")
INTERRUPTED = gettext_noop(
    "OCR was interrupted in the terminal (Ctrl-C). Retry goes on from the first page not read yet."
)


def work_folder(scan: ScanJob) -> Path:
    return Path(settings.MEDIA_ROOT) / files.folder(scan.institution.code) / "work" / str(scan.pk)


@receiver(post_delete, sender=ScanJob)
def _forget_work(sender: type[ScanJob], instance: ScanJob, **kwargs: Any) -> None:
    """A deleted scan job's work folder (the page PDFs of a failed run) goes with it."""
    folder = work_folder(instance)
    transaction.on_commit(lambda: shutil.rmtree(folder, ignore_errors=True))


@contextmanager
def owned(job: Job) -> Iterator[None]:
    """A transaction in which this process still runs the job (its row locked): every write of
    the OCR goes in one, so a runner whose job was taken over (`jobs.TakenOver`) writes nothing."""
    with transaction.atomic():
        jobs.hold(job)
        yield


class Heart:
    """The job's heartbeat: with each page's progress, and every `tesseract.BEAT_SECONDS` while
    a page is read or the pages are merged (a dead-looking job is claimed by another runner)."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.last = time.monotonic()

    def beat(self, *, done: int | None = None, total: int | None = None, force: bool = False) -> None:
        if not force and done is None and time.monotonic() - self.last < tesseract.BEAT_SECONDS:
            return
        message = f"page {done} of {total}" if done is not None else ""
        with owned(self.job):
            jobs.heartbeat(self.job, done=done, total=total, message=message)
        self.last = time.monotonic()


def interrupted(job: Job, scan: ScanJob) -> None:
    """`kutubxona ocr` stopped by Ctrl-C: the scan and its job failed, so Retry takes them up."""
    for _attempt in range(2):  # the interrupt may have broken the connection mid-query
        try:
            _fail(job, scan, INTERRUPTED, {}, finish=True)
            return
        except Exception:
            connection.close()


def _fail(job: Job, scan: ScanJob, message: str, values: dict[str, Any], *, finish: bool = False) -> None:
    """The scan failed (and its job, with `finish`), unless another runner has taken it over."""
    try:
        with owned(job):
            ScanJob.objects.filter(pk=scan.pk).update(
                status=Status.FAILED,
                error=message,
                error_args={k: str(v) if not isinstance(v, int) else v for k, v in values.items()},
            )
            if finish:
                jobs.finish(job, error=message)
    except jobs.TakenOver:
        pass


Progress = Callable[[int, int], None]


@jobs.handler(OCR_KIND)
def run_ocr(job: Job) -> dict[str, Any]:
    return read_scan(job)


def read_scan(job: Job, on_progress: Progress | None = None) -> dict[str, Any]:
    """The OCR job's work; `on_progress(done, total)` after each page too (the terminal's bar)."""
    scan = ScanJob.objects.select_related("institution", "record").get(pk=job.params["scan"])
    try:
        return _run(job, scan, on_progress)
    except jobs.TakenOver:
        raise
    except OcrError as error:
        _fail(job, scan, error.message, error.values)
        raise
    except Exception as error:
        _fail(job, scan, STOPPED, {"error": error})
        raise


def _page_failed(job: Job, page: ScanPage, error: Exception) -> None:
    with owned(job):
        ScanPage.objects.filter(pk=page.pk).update(status=PageStatus.FAILED, error=str(error)[:500])


def _read(
    heart: Heart,
    scan: ScanJob,
    executable: str,
    pages: list[ScanPage],
    work: Path,
    on_progress: Progress | None,
) -> None:
    job = heart.job
    languages = scan.language_list
    total = len(pages)
    done = sum(1 for p in pages if p.status == PageStatus.DONE and (work / f"page-{p.pk}.pdf").exists())
    heart.beat(done=done, total=total)
    for page in pages:
        if page.status == PageStatus.DONE and (work / f"page-{page.pk}.pdf").exists():
            continue
        try:
            image_path = files.work_image(
                files.page_image(page.source.name, page.page_index), work / f"page-{page.pk}"
            )
        except files.UNREADABLE as error:
            _page_failed(job, page, error)
            raise OcrError(UNREADABLE, page=page.number, error=error) from error
        try:
            result = tesseract.read_page(
                executable, image_path, work / f"page-{page.pk}", languages, page.number, beat=heart.beat
            )
        except OcrError as error:
            _page_failed(job, page, error)
            raise
        finally:
            image_path.unlink(missing_ok=True)
        page.text, page.confidence, page.status, page.error = (
            result.text,
            result.confidence,
            PageStatus.DONE,
            "",
        )
        done += 1
        with owned(job):
            page.save(update_fields=["text", "confidence", "status", "error"])
            heart.beat(done=done, total=total)
        if on_progress is not None:
            on_progress(done, total)


def merge(paths: list[Path], into: Path, beat: Callable[[], None] | None = None) -> None:
    """One PDF of the page PDFs, in order."""
    merged = pdfium.PdfDocument.new()
    try:
        for path in paths:
            if beat is not None:
                beat()
            source = pdfium.PdfDocument(path)
            try:
                merged.import_pages(source)
            finally:
                source.close()
        merged.save(into)
    finally:
        merged.close()


def _run(job: Job, scan: ScanJob, on_progress: Progress | None) -> dict[str, Any]:
    heart = Heart(job)
    with owned(job):
        ScanJob.objects.filter(pk=scan.pk).update(status=Status.RUNNING, error="", error_args={})
    executable = tesseract.ready(scan.language_list)
    actor = job.created_by
    if actor is not None and not fulltext.may_manage(actor, scan.institution):  # say so before reading
        raise OcrError(NO_RIGHT, user=actor.get_username())
    pages = list(scan.pages.exclude(source="").order_by("number"))
    work = work_folder(scan)
    work.mkdir(parents=True, exist_ok=True)
    _read(heart, scan, executable, pages, work, on_progress)
    pages = list(scan.pages.exclude(source="").order_by("number"))  # their texts, as saved
    merged = work / "merged.pdf"
    merge([work / f"page-{p.pk}.pdf" for p in pages], merged, beat=heart.beat)
    try:
        with owned(job):
            heart.beat(force=True)  # the row is held: no runner claims the job while the file is linked
            scan = ScanJob.objects.select_for_update(of=("self",)).select_related("fulltext").get(pk=scan.pk)
            name, text = f"scan-{scan.year}-{scan.number}.pdf", "\f".join(p.text for p in pages)
            # max_bytes=None: the system's own output (the scan upload limit bounded its input).
            with merged.open("rb") as stream:
                if scan.fulltext is not None:
                    # Run again: the new file takes the old one's place (its access, its link
                    # date for line 13 and the digital collections showing it stay).
                    item = fulltext.replace(
                        actor,
                        scan.fulltext,
                        File(stream),
                        name=name,
                        text=text,
                        pages=len(pages),
                        max_bytes=None,
                    )
                else:
                    item = fulltext.attach(
                        actor,
                        scan.record,
                        File(stream),
                        name=name,
                        access=scan.access,
                        text=text,
                        pages=len(pages),
                        max_bytes=None,
                    )
            scan.fulltext, scan.status, scan.finished_at = item, Status.DONE, timezone.now()
            scan.error, scan.error_args = "", {}
            scan.save(update_fields=["fulltext", "status", "finished_at", "error", "error_args"])
            audit.record(
                actor,
                "digitization.ocr.done",
                scan,
                institution=scan.institution,
                changes={"pages": len(pages), "fulltext": item.pk},
            )
    except PermissionDenied as error:  # the right lost while the pages were read
        raise OcrError(NO_RIGHT, user=actor.get_username() if actor else "") from error
    except ValidationError as error:
        raise OcrError(NOT_ATTACHED, error="; ".join(error.messages)) from error
    shutil.rmtree(work, ignore_errors=True)
    return {"pages": len(pages), "fulltext": item.pk}
