"""Every change to records, copies and the export log goes through these functions.

Each checks the actor's permission (`actor=None` is the system itself: a command, the demo),
runs in one transaction and writes the audit entry. A bulk import writes one entry per
batch, with its counts, not one per record.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pymarc import Field
from pymarc import Record as MarcRecord

from kutubxona.catalog import import_files, import_hosts
from kutubxona.catalog.bulk import insert_records, set_hosts
from kutubxona.catalog.marc import json as marc_json
from kutubxona.catalog.marc.extract import Columns, extract
from kutubxona.catalog.marc.json import MarcJson
from kutubxona.catalog.marc.results import Failure, Parsed
from kutubxona.catalog.marc_editor import marc_lines
from kutubxona.catalog.matching import Matcher, merge
from kutubxona.catalog.models import Copy, ExportedRecord, MarcExport, Record, RecordSource
from kutubxona.core import audit, jobs
from kutubxona.core.models import Job
from kutubxona.institutions.access import require
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Perm
from kutubxona.search import indexer

COPY_FIELDS = [
    "accession_number",
    "barcode",
    "collection",
    "sector",
    "shelf_location",
    "status",
    "price",
    "notes",
]
# The columns of a record that are copies of what `extract` finds in its MARC.
COLUMNS_FROM_MARC = [
    "control_number",
    "control_number_source",
    "title",
    "responsibility",
    "author",
    "year",
    "isbn",
    "language",
    "udc",
    "bbk",
    "record_type",
    "bibliographic_level",
    "search_key",
    "match_key",
    "analytic_purpose",
    "described_on",
]
# The columns written back when imported records replace or merge into existing ones.
EXTRACTED_FIELDS = ["marc", *COLUMNS_FROM_MARC, "isbns", "classified_at", "updated_at", "updated_by"]
MAX_REPORTED_FAILURES = 1000
MAX_ISBNS = 21  # what fits the 300 characters of Record.isbns


def _require(actor: User | None, institution: Institution) -> None:
    if actor is not None:
        require(actor, Perm.CATALOG_EDIT, institution)


def apply_marc(
    record: Record,
    marc: MarcJson,
    actor: User | None,
    columns: Columns | None = None,
    now: datetime.datetime | None = None,
) -> Record:
    """Put `marc` into `record` with its extracted columns (not saved)."""
    columns = columns or extract(marc)
    now = now or timezone.now()
    if (columns.udc, columns.bbk) != (record.udc, record.bbk) and (columns.udc or columns.bbk):
        record.classified_at = now
    record.marc = marc
    for name in COLUMNS_FROM_MARC:
        setattr(record, name, getattr(columns, name))
    record.isbns = " ".join(columns.isbns[:MAX_ISBNS])
    record.updated_at = now
    record.updated_by = actor
    return record


@transaction.atomic
def create_record(actor: User | None, institution: Institution, marc: MarcRecord) -> Record:
    """A record catalogued here; without an 001 it gets its id as 001 and the institution's code as 003."""
    _require(actor, institution)
    record = Record(institution=institution, source=RecordSource.MANUAL, created_by=actor)
    apply_marc(record, marc_json.to_json(marc), actor)
    if not record.title:
        raise ValidationError({"title": _("A record needs a title (245 $a).")})
    record.save()
    if not record.control_number:
        marc.add_ordered_field(Field(tag="001", data=str(record.pk)))
        if marc.get("003") is None:
            marc.add_ordered_field(Field(tag="003", data=institution.code))
        apply_marc(record, marc_json.to_json(marc), actor)
        record.save()
    indexer.index_records([record], new=True)
    audit.record(actor, "catalog.record.create", record, institution=institution)
    return record


@transaction.atomic
def update_record(actor: User | None, record: Record, marc: MarcRecord) -> Record:
    _require(actor, record.institution)
    before = audit.snapshot(record, ["title", "author", "year", "isbn", "udc", "bbk"])
    old_lines = marc_lines(record.marc)
    apply_marc(record, marc_json.to_json(marc), actor)
    record.save()
    indexer.index_records([record])
    changes: dict[str, Any] = audit.diff(before, audit.snapshot(record, list(before)))
    changes.update(_lines_diff(old_lines, marc_lines(record.marc)))
    audit.record(actor, "catalog.record.update", record, institution=record.institution, changes=changes)
    return record


def _lines_diff(old: list[str], new: list[str]) -> dict[str, list[str]]:
    """The MARC lines (leader, fields) removed and added by an edit, for the audit entry."""
    removed, added = Counter(old) - Counter(new), Counter(new) - Counter(old)
    diff = {"fields_removed": list(removed.elements()), "fields_added": list(added.elements())}
    return {name: lines for name, lines in diff.items() if lines}


def _check_sector(copy: Copy) -> None:
    if copy.sector is not None and copy.sector.institution_id != copy.institution_id:
        raise ValidationError({"sector": _("The sector must belong to the copy's institution.")})


def _check_unique(copy: Copy) -> None:
    """The accession number and barcode are the institution's own (the constraints say so too,
    but not which field, nor in words a librarian reads)."""
    others = Copy.objects.filter(institution_id=copy.institution_id).exclude(pk=copy.pk)
    errors: dict[str, str] = {}
    if others.filter(accession_number=copy.accession_number).exists():
        errors["accession_number"] = _("Another copy already has the accession number %(number)s.") % {
            "number": copy.accession_number
        }
    if copy.barcode and others.filter(barcode=copy.barcode).exists():
        errors["barcode"] = _("Another copy already has the barcode %(barcode)s.") % {"barcode": copy.barcode}
    if errors:
        raise ValidationError(errors)


def _check_copy_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(COPY_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")


@transaction.atomic
def create_copy(actor: User | None, record: Record, *, accession_number: str, **fields: Any) -> Copy:
    _require(actor, record.institution)
    _check_copy_fields(fields)
    copy = Copy(institution=record.institution, record=record, accession_number=accession_number, **fields)
    _check_sector(copy)
    _check_unique(copy)
    copy.full_clean()
    copy.save()
    audit.record(
        actor,
        "catalog.copy.create",
        copy,
        institution=copy.institution,
        changes=audit.snapshot(copy, COPY_FIELDS),
    )
    return copy


@transaction.atomic
def update_copy(actor: User | None, copy: Copy, **fields: Any) -> Copy:
    _require(actor, copy.institution)
    _check_copy_fields(fields)
    before = audit.snapshot(copy, COPY_FIELDS)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.updated_at = timezone.now()
    _check_sector(copy)
    _check_unique(copy)
    copy.full_clean()
    copy.save()
    changes = audit.diff(before, audit.snapshot(copy, COPY_FIELDS))
    audit.record(actor, "catalog.copy.update", copy, institution=copy.institution, changes=changes)
    return copy


@transaction.atomic
def start_import(
    actor: User | None,
    institution: Institution,
    *,
    path: str,
    options: dict[str, Any],
    run_here: bool = False,
) -> Job:
    """Queue the import of a MARC file for a runner, or (`run_here`) for the caller to run at once."""
    _require(actor, institution)
    job = jobs.enqueue(
        "catalog.import_marc",
        institution=institution,
        created_by=actor,
        params={"path": path, **options},
        run_here=run_here,
    )
    audit.record(actor, "catalog.import.start", job, institution=institution, changes=job.params)
    return job


@transaction.atomic
def resume_import(actor: User | None, job: Job) -> Job:
    """Queue a failed or interrupted import again; it goes on from its checkpoint."""
    assert job.institution is not None
    _require(actor, job.institution)
    jobs.requeue(job)
    audit.record(
        actor,
        "catalog.import.resume",
        job,
        institution=job.institution,
        changes={"position": job.checkpoint.get("position", 0)},
    )
    return job


@dataclass
class BatchOutcome:
    imported: int = 0
    merged: int = 0
    replaced: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {
            "imported": self.imported,
            "merged": self.merged,
            "replaced": self.replaced,
            "skipped": self.skipped,
            "failed": self.failed,
        }


def _apply_match(
    mode: str,
    existing: Record,
    parsed: Parsed,
    columns: Columns,
    actor: User | None,
    outcome: BatchOutcome,
    now: datetime.datetime,
) -> bool:
    """Apply the chosen action to a matched record; whether it changed."""
    if mode == "skip":
        outcome.skipped += 1
        return False
    if mode == "replace":
        apply_marc(existing, parsed.marc, actor, columns, now)
        outcome.replaced += 1
    else:
        apply_marc(existing, merge(existing.marc, parsed.marc), actor, now=now)
        outcome.merged += 1
    return True


@transaction.atomic
def import_batch(
    actor: User | None,
    job: Job,
    institution: Institution,
    records: list[Parsed],
    failures: Iterable[Failure],
    *,
    match: str,
    checkpoint: dict[str, Any],
) -> BatchOutcome:
    """Write one batch of an import, and the job's checkpoint with it (so a resume never repeats it)."""
    _require(actor, institution)
    outcome = BatchOutcome()
    for failure in failures:
        outcome.failed += 1
        outcome.failures.append(
            {"position": failure.position, "offset": failure.offset, "reason": failure.reason}
        )
    matcher = Matcher(institution)
    prepared = [(parsed, extract(parsed.marc)) for parsed in records]
    if match != "add":
        matcher.load([columns for _parsed, columns in prepared])
    new: list[Record] = []
    changed: dict[int, Record] = {}
    now = timezone.now()  # one timestamp for the batch: it is one transaction
    blank_record = _record_factory(
        institution_id=institution.pk,
        source=RecordSource.IMPORT,
        import_job_id=job.pk,
        created_by_id=actor.pk if actor else None,
        created_at=now,
    )
    for parsed, columns in prepared:
        existing = matcher.find(columns) if match != "add" else None
        if existing is not None:
            if _apply_match(match, existing, parsed, columns, actor, outcome, now) and existing.pk:
                changed[existing.pk] = existing
            continue
        record = apply_marc(blank_record(), parsed.marc, actor, columns, now)
        new.append(record)
        outcome.imported += 1
        if match != "add":
            matcher.remember(record)
    last_id = Record.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    insert_records(new)
    if changed:
        Record.objects.bulk_update(list(changed.values()), EXTRACTED_FIELDS)
    # Searchable with the batch's commit: the new rows (ids above the last before them) and the changed.
    indexer.index_import_batch(job.pk, last_id)
    indexer.index_records(changed.values())
    _save_checkpoint(job, checkpoint, outcome)
    positions = [item.position for item in records] + [f["position"] for f in outcome.failures]
    audit.record(
        actor,
        "catalog.import.batch",
        job,
        institution=institution,
        changes={**outcome.as_dict(), "positions": [min(positions, default=0), max(positions, default=0)]},
    )
    return outcome


@transaction.atomic
def link_import_hosts(actor: User | None, job: Job, institution: Institution) -> dict[str, Any]:
    """At the end of an import: its articles linked to their hosts by 773 $w (`import_hosts`);
    what was linked and what was not found kept in the job's checkpoint (its report)."""
    _require(actor, institution)
    links = import_hosts.find_links(job, institution)
    set_hosts([(host, article) for host, articles in links.hosts.items() for article in articles])
    found = job.checkpoint.get("hosts", {})
    hosts = {
        "linked": found.get("linked", 0) + links.linked,
        "unresolved_count": links.unresolved_count,
        "unresolved": links.unresolved,
    }
    job.checkpoint = {**job.checkpoint, "hosts": hosts}
    job.save(update_fields=["checkpoint"])
    if links.linked or links.unresolved_count:
        audit.record(
            actor,
            "catalog.import.hosts",
            job,
            institution=institution,
            changes={"linked": links.linked, "unresolved": links.unresolved_count},
        )
    return hosts


@transaction.atomic
def sweep_import_files(
    actor: User | None = None, *, days: int | None = None, now: datetime.datetime | None = None
) -> int:
    """Delete the uploaded files of imports done over `days` ago (the setting by default), after
    the commit; never the file of an unfinished (resumable) import. How many were deleted."""
    kept = import_files.still_needed()
    gone: set[str] = set()
    today = timezone.localdate(now) if now else timezone.localdate()
    for job in import_files.due(now, days).select_for_update():
        if job.institution is not None:
            _require(actor, job.institution)
        path = str(job.params.get("path") or "")
        if path in kept:
            continue  # an unfinished import reads it: looked at again once that one is done
        # The import's page says "deleted on" only for a file deleted; the librarian's own file
        # (command line) is marked so as not to be looked at every day.
        mark = "file_swept_on" if path and import_files.uploaded(path) else import_files.NOT_OURS
        job.checkpoint = {**job.checkpoint, mark: today.isoformat()}
        job.save(update_fields=["checkpoint"])
        if mark != "file_swept_on":
            continue
        gone.add(path)
        audit.record(
            actor,
            "catalog.import.file_swept",
            job,
            institution=job.institution,
            changes={"file": job.params.get("file_name") or Path(path).name},
        )

    def delete() -> None:
        for name in gone:
            Path(name).unlink(missing_ok=True)

    transaction.on_commit(delete)
    return len(gone)


def _record_factory(**values: Any) -> Callable[[], Record]:
    """New unsaved records with these column values, made the way Django makes rows it reads
    (positional values): for a batch of a thousand, much cheaper than keyword arguments."""
    template = [
        values[field.attname] if field.attname in values else field.get_default()
        for field in Record._meta.concrete_fields
    ]
    make = cast("Callable[..., Record]", Record)  # positional values: the checker only knows keywords
    return lambda: make(*template)


def _save_checkpoint(job: Job, checkpoint: dict[str, Any], outcome: BatchOutcome) -> None:
    counts = checkpoint.setdefault("counts", {})
    for name, value in outcome.as_dict().items():
        counts[name] = counts.get(name, 0) + value
    reported = checkpoint.setdefault("failures", [])
    reported.extend(outcome.failures[: max(0, MAX_REPORTED_FAILURES - len(reported))])
    job.checkpoint = checkpoint
    job.progress_done = checkpoint.get("offset", 0)
    job.heartbeat_at = timezone.now()
    job.message = _("%(read)d records read") % {"read": checkpoint.get("position", 0)}
    job.save(update_fields=["checkpoint", "progress_done", "heartbeat_at", "message"])


@transaction.atomic
def log_export(
    actor: User | None,
    institution: Institution,
    *,
    record_ids: list[int],
    file_format: str,
    file_name: str,
    since: Any = None,
    for_union_catalogue: bool = True,
) -> MarcExport:
    """Record that these records were exported (plan line 14 counts those for the union catalogue)."""
    _require(actor, institution)
    export = MarcExport.objects.create(
        institution=institution,
        created_by=actor,
        since=since,
        file_format=file_format,
        file_name=file_name[:300],
        for_union_catalogue=for_union_catalogue,
        record_count=len(record_ids),
    )
    ExportedRecord.objects.bulk_create(
        [ExportedRecord(export=export, record_id=pk) for pk in record_ids], batch_size=5000
    )
    audit.record(
        actor,
        "catalog.export",
        export,
        institution=institution,
        changes={"records": len(record_ids), "format": file_format, "union": for_union_catalogue},
    )
    return export
