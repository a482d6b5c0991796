"""The MARC import job: read the file, write it in batches, keep a checkpoint, report.

Each batch (records and failures) is written in one transaction together with the job's
checkpoint: the byte offset and record number the next batch starts from. A job that dies
(the process killed, the machine off) is resumed by the runner from that checkpoint, so no
record is written twice and none is lost.
"""

from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from kutubxona.catalog import actions, import_files
from kutubxona.catalog.marc.reading import ReadOptions, read
from kutubxona.catalog.marc.results import Failure, NotMarc, Parsed
from kutubxona.catalog.matching import MATCH_MODES
from kutubxona.core import jobs
from kutubxona.core.models import Job
from kutubxona.institutions.models import Institution

BATCH_SIZE = 1000
KIND = import_files.KIND


@dataclass
class Progress:
    """What the terminal line and the job's page show while an import runs."""

    records: int  # records read in this run
    position: int  # records read in the file so far (including earlier runs)
    offset: int  # bytes read
    size: int  # bytes in the file
    seconds: float
    counts: dict[str, int]

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds > 0 else 0.0


ProgressCallback = Callable[[Progress], None]


class ImportRefused(ValueError):
    """The file cannot be imported at all (not MARC, missing); the message is for the user."""


def encoding_label(code: str) -> str:
    return {
        "utf-8": _("UTF-8 (leader/09 'a')"),
        "utf-8-guessed": _("UTF-8 (leader/09 blank, but the bytes are valid UTF-8)"),
        "marc-8": _("MARC-8"),
        "cp1251": _("Windows-1251 (UNIMARC/RUSMARC, as IRBIS writes it)"),
        "xml": _("XML (its own declared encoding)"),
    }.get(code, code)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector rarely: an import makes millions of small dicts and lists
    with no cycles (reference counting frees them), and the collector's passes over them cost
    more than half of the parsing time."""
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def import_file(job: Job, on_progress: ProgressCallback | None = None) -> dict[str, Any]:
    """Run (or resume) the import described by `job.params`; the report is the job's result."""
    with _fewer_collections():
        return _import(job, on_progress)


def _import(job: Job, on_progress: ProgressCallback | None) -> dict[str, Any]:
    params = job.params
    path = Path(params["path"])
    match = params.get("match", "skip")
    if match not in MATCH_MODES:
        raise ValueError(f"match must be one of {MATCH_MODES}")
    options = ReadOptions(
        format=params.get("format", "auto"),
        flavour=params.get("flavour", "auto"),
        encoding=params.get("encoding", "auto"),
    )
    batch_size = int(params.get("batch_size", BATCH_SIZE))
    assert job.institution_id is not None
    institution = Institution.tree.get(pk=job.institution_id)
    checkpoint: dict[str, Any] = dict(job.checkpoint or {})
    checkpoint.setdefault("offset", 0)
    checkpoint.setdefault("position", 0)
    encodings: Counter[str] = Counter(checkpoint.get("encodings", {}))
    flavours: Counter[str] = Counter(checkpoint.get("flavours", {}))
    if not path.is_file():
        raise ImportRefused(_("The file %(path)s does not exist.") % {"path": path})
    size = path.stat().st_size
    if checkpoint.setdefault("size", size) != size:
        # Offsets into another file would skip or repeat records.
        raise ImportRefused(_("The file has changed since this import began; start a new import."))
    jobs.heartbeat(job, done=checkpoint["offset"], total=size)

    started = time.monotonic()
    read_now = 0
    parsed: list[Parsed] = []
    failed: list[Failure] = []

    def flush() -> None:
        nonlocal parsed, failed
        last = max(
            [(item.position, item.end) for item in parsed] + [(item.position, item.end) for item in failed],
            default=(checkpoint["position"], checkpoint["offset"]),
        )
        checkpoint["position"], checkpoint["offset"] = last
        checkpoint["encodings"], checkpoint["flavours"] = dict(encodings), dict(flavours)
        actions.import_batch(
            job.created_by, job, institution, parsed, failed, match=match, checkpoint=checkpoint
        )
        parsed, failed = [], []
        if on_progress is not None:
            on_progress(
                Progress(
                    read_now,
                    checkpoint["position"],
                    checkpoint["offset"],
                    size,
                    time.monotonic() - started,
                    dict(checkpoint["counts"]),
                )
            )

    try:
        items = read(path, options, offset=checkpoint["offset"], position=checkpoint["position"])
        for item in items:
            read_now += 1
            if isinstance(item, Failure):
                failed.append(item)
            else:
                parsed.append(item)
                encodings[item.encoding] += 1
                flavours[item.flavour] += 1
            if len(parsed) + len(failed) >= batch_size:
                flush()
    except NotMarc as error:
        raise ImportRefused(str(error)) from None
    if parsed or failed or not checkpoint.get("counts"):
        flush()
    checkpoint["hosts"] = actions.link_import_hosts(job.created_by, job, institution)
    return report(checkpoint)


def report(checkpoint: dict[str, Any]) -> dict[str, Any]:
    counts = checkpoint.get("counts", {})
    return {
        "read": checkpoint.get("position", 0),
        **{name: counts.get(name, 0) for name in ("imported", "merged", "replaced", "skipped", "failed")},
        "failures": checkpoint.get("failures", []),
        "encodings": {encoding_label(code): n for code, n in checkpoint.get("encodings", {}).items()},
        "flavours": checkpoint.get("flavours", {}),
        # Articles linked to their host by 773 $w, and those whose host was not found.
        "hosts": checkpoint.get("hosts", {"linked": 0, "unresolved_count": 0, "unresolved": []}),
    }


@jobs.handler(KIND)
def run_import_job(job: Job) -> dict[str, Any]:
    return import_file(job)


@jobs.handler(import_files.SWEEP_KIND)
def sweep_import_files(job: Job) -> dict[str, Any]:
    return {"deleted": actions.sweep_import_files()}


jobs.daily(import_files.SWEEP_KIND)
