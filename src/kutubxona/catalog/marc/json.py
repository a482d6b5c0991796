"""Records as MARC-in-JSON (the code4lib proposal pymarc writes), the form kept in the database.

{"leader": "...", "fields": [{"001": "..."}, {"245": {"ind1": "1", "ind2": "0",
"subfields": [{"a": "..."}]}}]}: field order, repeated fields and subfields all kept.
"""

from __future__ import annotations

from typing import Any

from pymarc import Field, Indicators, Leader, Record, Subfield

MarcJson = dict[str, Any]


def to_json(record: Record) -> MarcJson:
    fields: list[dict[str, Any]] = []
    for field in record.fields:
        if field.control_field:
            fields.append({field.tag: field.data})
        else:
            fields.append(
                {
                    field.tag: {
                        "ind1": field.indicator1,
                        "ind2": field.indicator2,
                        "subfields": [{sub.code: sub.value} for sub in field.subfields],
                    }
                }
            )
    return {"leader": str(record.leader), "fields": fields}


def from_json(data: MarcJson) -> Record:
    record = Record()
    record.leader = Leader(data["leader"])
    for entry in data["fields"]:
        ((tag, value),) = entry.items()
        if isinstance(value, str):
            record.add_field(Field(tag=tag, data=value))
        else:
            subfields = [Subfield(code, text) for sub in value["subfields"] for code, text in sub.items()]
            record.add_field(
                Field(tag=tag, indicators=Indicators(value["ind1"], value["ind2"]), subfields=subfields)
            )
    return record
