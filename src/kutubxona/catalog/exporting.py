"""Exporting an institution's records to a MARC file, and logging the export (plan line 14)."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.utils import timezone
from pymarc import Field

from kutubxona.catalog import actions
from kutubxona.catalog.marc import json as marc_json
from kutubxona.catalog.marc.writing import Writer
from kutubxona.catalog.models import MarcExport, Record
from kutubxona.institutions.access import require
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Perm

CHUNK = 2000


def export_records(
    actor: User | None,
    institution: Institution,
    path: Path,
    *,
    file_format: str = "iso2709",
    since: datetime.date | None = None,
    for_union_catalogue: bool = True,
) -> MarcExport:
    """Write the institution's records (changed since `since`, if given) to `path`; log the export.

    A record without a control number is sent with its id as 001 and the institution's code
    as 003, so the union catalogue can tell our records apart.
    """
    if actor is not None:
        require(actor, Perm.CATALOG_EDIT, institution)
    records = Record.objects.filter(institution=institution).order_by("id")
    if since is not None:
        start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
        records = records.filter(updated_at__gte=start)
    exported: list[int] = []
    with path.open("wb") as stream:
        writer = Writer(stream, file_format)
        for pk, marc in records.values_list("id", "marc").iterator(chunk_size=CHUNK):
            record = marc_json.from_json(marc)
            if record.get("001") is None:
                record.add_ordered_field(Field(tag="001", data=str(pk)))
                if record.get("003") is None:
                    record.add_ordered_field(Field(tag="003", data=institution.code))
            writer.write(record)
            exported.append(pk)
        writer.close()
    return actions.log_export(
        actor,
        institution,
        record_ids=exported,
        file_format=file_format,
        file_name=path.name,
        since=since,
        for_union_catalogue=for_union_catalogue,
    )
