"""Imported articles linked to their host issue (`Record.host`) by 773 $w, once the import's
records are all in: the host may come later in the file than its articles.

773 $w names the host by its control number, "(003)001" or a bare "001" (MARC 21). The host is
looked for among this library's records: one of the same import first, then one already in the
catalogue (the oldest); with "(003)" its 003 must agree. A number not found (or another
system's, e.g. "(OCoLC)...") is reported, not an error: the article is imported without a host.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import orjson
from django.db.models import TextField
from django.db.models.functions import Cast

from kutubxona.catalog.marc.extract import subfields
from kutubxona.catalog.marc.json import MarcJson
from kutubxona.catalog.models import Record
from kutubxona.core.models import Job
from kutubxona.institutions.models import Institution

ANALYTIC_LEVELS = ("a", "b")  # leader/07: a component part of a monograph or of a serial
CHUNK = 500  # control numbers per query
MAX_REPORTED = 1000
_W = re.compile(r"^\s*(?:\((?P<source>[^)]*)\))?\s*(?P<number>.*?)\s*$")


def host_numbers(marc: MarcJson) -> list[tuple[str, str]]:
    """(003, 001) of each 773 $w of a record; 003 "" when the $w does not say."""
    found = []
    for entry in marc["fields"]:
        value = entry.get("773")
        if isinstance(value, dict):
            for text in subfields(value, "w"):
                match = _W.match(text)
                if match and match["number"]:
                    found.append(((match["source"] or "").strip(), match["number"]))
    return found


@dataclass
class Links:
    hosts: dict[int, list[int]] = field(default_factory=dict)  # host id -> its articles' ids
    unresolved: list[dict[str, object]] = field(default_factory=list)
    unresolved_count: int = 0

    @property
    def linked(self) -> int:
        return sum(len(articles) for articles in self.hosts.values())


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _candidates(
    institution: Institution, numbers: Iterable[str]
) -> dict[str, list[tuple[int, str, int | None]]]:
    """Records of the library by 001: (id, 003, import job), oldest first."""
    found: dict[str, list[tuple[int, str, int | None]]] = {}
    for chunk in _chunks(sorted(set(numbers))):
        rows = (
            Record.objects.filter(institution=institution, control_number__in=chunk)
            .order_by("pk")
            .values_list("pk", "control_number", "control_number_source", "import_job_id")
        )
        for pk, number, source, job_id in rows:
            found.setdefault(number, []).append((pk, source, job_id))
    return found


def find_links(job: Job, institution: Institution) -> Links:
    """The hosts of the import's articles that have none yet (a resumed import's earlier
    batches too), and the 773 $w no host was found for."""
    articles = (
        Record.objects.filter(import_job=job, host__isnull=True, bibliographic_level__in=ANALYTIC_LEVELS)
        .order_by("pk")
        # The JSON as text, parsed by orjson: Django's json.loads of every article is most of the time.
        .annotate(text=Cast("marc", TextField()))
        .values_list("pk", "title", "text")
    )
    wanted = [
        (pk, title, host_numbers(orjson.loads(text)))
        for pk, title, text in articles.iterator(chunk_size=CHUNK)
    ]
    wanted = [row for row in wanted if row[2]]
    candidates = _candidates(institution, (number for _pk, _title, refs in wanted for _src, number in refs))
    links = Links()
    for pk, title, refs in wanted:
        host = _choose(pk, refs, candidates, job.pk)
        if host is not None:
            links.hosts.setdefault(host, []).append(pk)
            continue
        links.unresolved_count += 1
        if len(links.unresolved) < MAX_REPORTED:
            shown = ", ".join(f"({source}){number}" if source else number for source, number in refs)
            links.unresolved.append({"record": pk, "title": title[:200], "w": shown})
    return links


def _choose(
    article: int,
    refs: list[tuple[str, str]],
    candidates: dict[str, list[tuple[int, str, int | None]]],
    job_id: int,
) -> int | None:
    for source, number in refs:
        fitting = [
            (pk, job)
            for pk, found_source, job in candidates.get(number, [])
            if pk != article and (not source or found_source == source)
        ]
        if fitting:
            same_import = [pk for pk, job in fitting if job == job_id]
            return same_import[0] if same_import else fitting[0][0]
    return None
