"""Every change to scan jobs goes through these functions: `Perm.DIGITIZATION_EDIT` on the
job's institution (`actor=None` is the system: the demo, the OCR job), one transaction, one
audit entry. OCR itself runs in the background (`ocr.py`); these only queue it."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from kutubxona.acquisitions.numbering import reserve
from kutubxona.catalog.models import AccessLevel, Copy, Record
from kutubxona.core import audit, jobs
from kutubxona.core.models import Job, JobStatus
from kutubxona.digitization import files, tesseract
from kutubxona.digitization.models import Kind, Language, PageStatus, ScanJob, ScanPage, Status
from kutubxona.institutions.access import require
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Perm
from kutubxona.readers.models import Reader

OCR_KIND = "digitization.ocr"
# The OCR languages a record's language (MARC code) suggests; any other: Uzbek in both scripts and Russian.
DEFAULT_LANGUAGES = {
    "uzb": [Language.UZB, Language.UZB_CYRL],
    "rus": [Language.RUS],
    "eng": [Language.ENG],
}


def _require(actor: User | None, institution: Institution) -> None:
    if actor is not None:
        require(actor, Perm.DIGITIZATION_EDIT, institution)


def default_languages(record: Record | None) -> list[str]:
    language = record.language if record is not None else ""
    return [
        str(code) for code in DEFAULT_LANGUAGES.get(language, [Language.UZB, Language.UZB_CYRL, Language.RUS])
    ]


def _check(scan: ScanJob) -> None:
    errors: dict[str, str] = {}
    if scan.record.institution_id != scan.institution_id:
        errors["record"] = _("The record must be one of this library's catalogue.")
    if scan.copy is not None and scan.copy.record_id != scan.record_id:
        errors["copy"] = _("This copy is of another record.")
    if scan.reader is not None and scan.reader.institution_id != scan.institution_id:
        errors["reader"] = _("The reader must be registered in this library.")
    languages = scan.language_list
    if not languages:
        errors["languages"] = _("Choose at least one OCR language.")
    elif any(code not in Language.values for code in languages):
        errors["languages"] = _("Choose the OCR languages from the list.")
    if scan.access not in AccessLevel.values:
        errors["access"] = _("Choose who may open the file.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_scan(
    actor: User | None,
    institution: Institution,
    *,
    kind: str,
    record: Record,
    copy: Copy | None = None,
    reader: Reader | None = None,
    languages: Sequence[str] | None = None,
    access: str = AccessLevel.PREMISES,
    note: str = "",
    created_at: datetime.datetime | None = None,
) -> ScanJob:
    """A new scan job (a draft: its pages are uploaded next), numbered within its year."""
    _require(actor, institution)
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose why the item is scanned.")})
    when = created_at or timezone.now()
    year = timezone.localtime(when).year if timezone.is_aware(when) else when.year
    scan = ScanJob(
        institution=institution,
        year=year,
        number=0,
        kind=kind,
        record=record,
        copy=copy,
        reader=reader,
        operator=actor,
        languages="+".join(languages if languages else default_languages(record)),
        access=access,
        note=note,
        created_at=when,
    )
    _check(scan)
    scan.number = reserve(institution, f"scan-{year}")
    scan.save()
    audit.record(
        actor,
        "digitization.create",
        scan,
        institution=institution,
        changes=audit.snapshot(
            scan, ["number", "year", "kind", "record", "copy", "reader", "languages", "access"]
        ),
    )
    return scan


def _draft(scan: ScanJob) -> None:
    if scan.status != Status.DRAFT:
        raise ValidationError(_("Pages can be changed only while the job is a draft, before OCR."))


def _thumbnail(source: str, index: int, code: str) -> str:
    """The page's thumbnail, or none yet when it cannot be made (tried again when shown)."""
    try:
        return files.thumbnail(source, index, code)
    except files.UNREADABLE:
        return ""


def _not_twice(scan: ScanJob, checked: list[files.Checked], code: str) -> list[str]:
    """The uploads' storage names; a file already in the job (or twice in the upload) is
    refused, naming it: its pages would be counted twice in lines 32 and 35."""
    earlier = dict(scan.pages.order_by("-number").values_list("source", "source_name"))
    names: list[str] = []
    for item in checked:
        name = files.storage_name(item, code)
        if name in earlier or name in names:
            before = earlier.get(name) or item.name
            message = _("%(name)s: this file is already in the job (uploaded as %(earlier)s).") % {
                "name": item.name,
                "earlier": before,
            }
            raise ValidationError({"files": message})
        names.append(name)
    return names


@transaction.atomic
def add_pages(actor: User | None, scan: ScanJob, uploads: Sequence[tuple[IO[bytes], str]]) -> list[ScanPage]:
    """Append the pages of the uploads (an image is a page, a PDF one page per its pages), in
    the order given. Every file is checked first: one bad file and nothing is saved."""
    _require(actor, scan.institution)
    scan = ScanJob.objects.select_for_update().get(pk=scan.pk)
    _draft(scan)
    if not uploads:
        raise ValidationError({"files": _("Choose the scanned pages to upload.")})
    checked = [files.check(upload, name) for upload, name in uploads]
    code = scan.institution.code
    names = _not_twice(scan, checked, code)
    new = [name for name in names if not default_storage.exists(name)]
    try:
        return _add_pages(actor, scan, checked, names, code)
    except BaseException:  # nothing saved: the files this upload stored go too
        for name in new:
            files.delete(name, code)
        raise


def _add_pages(
    actor: User | None, scan: ScanJob, checked: list[files.Checked], names: list[str], code: str
) -> list[ScanPage]:
    last = max(scan.pages.values_list("number", flat=True), default=0)
    made: list[ScanPage] = []
    for item, name in zip(checked, names, strict=True):
        source = files.store(item, code, name)
        for index in range(item.pages):
            last += 1
            made.append(
                ScanPage(
                    institution=scan.institution,
                    scan=scan,
                    number=last,
                    source=source,
                    source_name=item.name[:255],
                    page_index=index,
                    # A long PDF's later thumbnails are made when first shown (the upload stays quick).
                    thumbnail=_thumbnail(source, index, code) if index < files.THUMBNAILS_AT_UPLOAD else "",
                    scanned_at=timezone.localdate(),
                )
            )
    ScanPage.objects.bulk_create(made)
    audit.record(
        actor,
        "digitization.pages.add",
        scan,
        institution=scan.institution,
        changes={"files": [item.name for item in checked], "pages": len(made)},
    )
    return made


@transaction.atomic
def move_page(actor: User | None, page: ScanPage, offset: int) -> None:
    """Move a page `offset` places (-1 earlier, +1 later) while the job is a draft."""
    _require(actor, page.institution)
    scan = ScanJob.objects.select_for_update().get(pk=page.scan_id)
    _draft(scan)
    pages = list(scan.pages.order_by("number"))
    position = next(i for i, p in enumerate(pages) if p.pk == page.pk)
    target = min(max(position + offset, 0), len(pages) - 1)
    if target == position:
        return
    pages.insert(target, pages.pop(position))
    for number, each in enumerate(pages, 1):
        each.number = number
    ScanPage.objects.bulk_update(pages, ["number"])
    audit.record(
        actor,
        "digitization.pages.move",
        scan,
        institution=scan.institution,
        changes={"page": page.pk, "number": [position + 1, target + 1]},
    )


def _unused(name: str) -> bool:
    with scopes_disabled():
        return not ScanPage.objects.filter(source=name).exists()


@transaction.atomic
def remove_page(actor: User | None, page: ScanPage) -> None:
    """Take a page out of a draft; the others close up. Its file goes when no page uses it."""
    _require(actor, page.institution)
    scan = ScanJob.objects.select_for_update().get(pk=page.scan_id)
    _draft(scan)
    number, source, code = page.number, page.source.name, page.institution.code
    page.delete()
    pages = list(scan.pages.order_by("number"))
    for position, each in enumerate(pages, 1):
        each.number = position
    ScanPage.objects.bulk_update(pages, ["number"])
    audit.record(
        actor, "digitization.pages.remove", scan, institution=scan.institution, changes={"number": number}
    )

    def sweep() -> None:
        if source and _unused(source):
            files.delete(source, code)  # and the thumbnails of all its pages

    transaction.on_commit(sweep)


def _readable(scan: ScanJob) -> None:
    """OCR can read the job: Tesseract is here and the job has page images (not only counts)."""
    if tesseract.command() is None:
        error = tesseract.off_error()
        raise ValidationError(_(error.message) % error.values)
    if not scan.pages.exclude(source="").exists():
        raise ValidationError(_("Upload the scanned pages first."))


@transaction.atomic
def start_ocr(actor: User | None, scan: ScanJob, *, run_here: bool = False) -> Job:
    """Queue the job's OCR (refused when OCR is off or there is no page image to read);
    `run_here`: the caller runs it (`kutubxona ocr`), no runner takes it."""
    _require(actor, scan.institution)
    scan = ScanJob.objects.select_for_update().get(pk=scan.pk)
    if scan.status != Status.DRAFT:
        raise ValidationError(_("OCR has already been started for this job."))
    _readable(scan)
    job = jobs.enqueue(
        OCR_KIND, institution=scan.institution, created_by=actor, params={"scan": scan.pk}, run_here=run_here
    )
    scan.status, scan.job = Status.QUEUED, job
    scan.save(update_fields=["status", "job"])
    audit.record(actor, "digitization.ocr.start", scan, institution=scan.institution, changes={"job": job.pk})
    return job


def stalled(scan: ScanJob) -> bool:
    """A running scan whose OCR was not heard from for `jobs.STALE_AFTER` (its process was
    stopped: Ctrl-C, a crash) or whose job ended without saying so on the scan."""
    if scan.status != Status.RUNNING:
        return False
    job = scan.job
    if job is None or job.status in (JobStatus.FAILED, JobStatus.DONE):
        return True
    beat = job.heartbeat_at
    return job.status == JobStatus.RUNNING and (beat is None or beat < timezone.now() - jobs.STALE_AFTER)


@transaction.atomic
def retry(actor: User | None, scan: ScanJob) -> Job:
    """Queue a failed (or stalled) job's OCR again: it resumes after the pages already read."""
    _require(actor, scan.institution)
    scan = ScanJob.objects.select_for_update(of=("self",)).select_related("job").get(pk=scan.pk)
    if scan.status != Status.FAILED and not stalled(scan):
        raise ValidationError(_("Only a failed job can be retried."))
    scan.pages.filter(status=PageStatus.FAILED).update(status=PageStatus.WAITING, error="")
    job = scan.job
    if job is not None and job.status in (JobStatus.FAILED, JobStatus.RUNNING):
        # The file is linked in the name of who retries (the first operator may have lost the right).
        job.created_by = actor
        job.save(update_fields=["created_by"])
        jobs.requeue(job)
    else:
        job = jobs.enqueue(OCR_KIND, institution=scan.institution, created_by=actor, params={"scan": scan.pk})
    scan.status, scan.job, scan.error, scan.error_args = Status.QUEUED, job, "", {}
    scan.save(update_fields=["status", "job", "error", "error_args"])
    audit.record(actor, "digitization.ocr.retry", scan, institution=scan.institution, changes={"job": job.pk})
    return job


def _reading(job: Job | None) -> bool:
    """OCR is reading the job now: its runner is alive (a stopped one's heart went quiet)."""
    if job is None or job.status != JobStatus.RUNNING:
        return False
    return job.heartbeat_at is not None and job.heartbeat_at >= timezone.now() - jobs.STALE_AFTER


def why_not_deleted(scan: ScanJob) -> str:
    """Why the job cannot be deleted now, or "" when it can."""
    if _reading(scan.job):
        return _(
            "OCR is reading this job's pages now: it can be deleted once OCR has ended "
            "(done or failed), not while its pages are being read."
        )
    return ""


def own_files(scan: ScanJob) -> list[str]:
    """The stored page files only this job uses (another job's upload of the same file, stored
    once by its hash, keeps it)."""
    mine = set(scan.pages.exclude(source="").values_list("source", flat=True))
    with scopes_disabled():
        shared = set(
            ScanPage.objects.filter(source__in=mine).exclude(scan=scan).values_list("source", flat=True)
        )
    return sorted(mine - shared)


def _call_off(job: Job) -> None:
    """A queued (or stalled) OCR of a job being deleted: failed, so no runner takes it, and its
    attempt moved on, so a late process of it writes nothing (`jobs.TakenOver`)."""
    job.attempts += 1
    job.save(update_fields=["attempts"])
    jobs.finish(job, error="scan job deleted")


@transaction.atomic
def delete_scan(actor: User | None, scan: ScanJob) -> None:
    """Delete a scan job with its pages (their lines 32/35 count goes with them) and, once
    committed, the page files no other job uses and its OCR work folder. The searchable PDF
    linked to the record stays: it is the catalogue's now. Refused while OCR reads the job."""
    _require(actor, scan.institution)
    job_id = ScanJob.objects.filter(pk=scan.pk).values_list("job_id", flat=True).first()
    job = Job.objects.select_for_update().filter(pk=job_id).first() if job_id else None
    found = ScanJob.objects.select_for_update(of=("self",)).select_related("institution").filter(pk=scan.pk)
    if (locked := found.first()) is None:
        return  # deleted a moment ago (a second click, another librarian): nothing left to do
    if locked.job_id != job_id:  # OCR started meanwhile: its new job is not the one locked above
        raise ValidationError(
            _("OCR was started for this job a moment ago: look at the job again before deleting it.")
        )
    scan = locked
    scan.job = job  # the job's row as locked (before the scan's, in the order OCR locks them)
    if refusal := why_not_deleted(scan):
        raise ValidationError(refusal)
    if job is not None and job.status in (JobStatus.QUEUED, JobStatus.RUNNING):
        _call_off(job)
    code, gone = scan.institution.code, own_files(scan)
    audit.record(
        actor,
        "digitization.delete",
        scan,
        institution=scan.institution,
        changes={
            "number": scan.code,
            "record": scan.record_id,
            "pages": scan.pages.count(),
            "files": len(gone),
            "fulltext kept": scan.fulltext_id,
        },
    )
    scan.delete()  # the pages go with it (CASCADE); the work folder by `ocr._forget_work`

    def sweep() -> None:
        for name in gone:
            if _unused(name):  # not uploaded again meanwhile
                files.delete(name, code)

    transaction.on_commit(sweep)


@transaction.atomic
def run_again(actor: User | None, scan: ScanJob, languages: Sequence[str] | None = None) -> Job:
    """OCR a done job again (with other languages, say): every page is read anew and its text
    overwritten, and the new searchable PDF replaces the one linked before. The pages are not
    counted again (lines 32 and 35 count them on the day they were uploaded)."""
    _require(actor, scan.institution)
    scan = ScanJob.objects.select_for_update().get(pk=scan.pk)
    if scan.status != Status.DONE:
        raise ValidationError(_("Only a job whose OCR is done can be read again."))
    _readable(scan)
    before = scan.languages
    if languages:
        scan.languages = "+".join(languages)
        _check(scan)
    scan.pages.update(status=PageStatus.WAITING, error="")
    job = jobs.enqueue(OCR_KIND, institution=scan.institution, created_by=actor, params={"scan": scan.pk})
    scan.status, scan.job, scan.error, scan.error_args = Status.QUEUED, job, "", {}
    scan.save(update_fields=["status", "job", "error", "error_args", "languages"])
    audit.record(
        actor,
        "digitization.ocr.again",
        scan,
        institution=scan.institution,
        changes={"job": job.pk, "languages": [before, scan.languages]},
    )
    return job
