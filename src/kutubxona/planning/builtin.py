"""The built-in indicator catalogue: the district AKM template read from the seed plan."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction

from kutubxona.core import audit
from kutubxona.planning.models import LINE_COPY_FIELDS, Template, TemplateLine, TemplateSection

FIXTURES = Path(__file__).with_name("fixtures")
DISTRICT_TEMPLATE = "district-akm"


@cache
def template_data(code: str = DISTRICT_TEMPLATE) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{code}-template.json").read_text(encoding="utf-8"))
    return data


@transaction.atomic
def ensure_template(code: str = DISTRICT_TEMPLATE) -> Template:
    """The template in the database, created from its fixture the first time it is needed."""
    existing = Template.objects.filter(code=code).first()
    if existing:
        return existing
    data = template_data(code)
    template = Template.objects.create(
        code=code, name_uz=data["name_uz"], name_ru=data.get("name_ru", ""), name_en=data.get("name_en", "")
    )
    for order, section in enumerate(data["sections"]):
        TemplateSection.objects.create(
            template=template,
            order=order,
            code=section["code"],
            name_uz=section["name_uz"],
            name_ru=section.get("name_ru", ""),
            name_en=section.get("name_en", ""),
        )
    # The fixture names four columns its own way; the rest are the model's names.
    renamed = {"parent": "parent_number", "metric": "metric_key", "dimensions": "metric_dimensions"}
    TemplateLine.objects.bulk_create(
        TemplateLine(
            template=template,
            order=order,
            **{
                renamed.get(key, key): "" if value is None and key != "dimensions" else value
                for key, value in line.items()
                if renamed.get(key, key) in LINE_COPY_FIELDS
            },
        )
        for order, line in enumerate(data["lines"])
    )
    # Installed by the system itself, the first time a plan needs it.
    audit.record(
        None, "plan.template_installed", template, institution=None, changes={"lines": len(data["lines"])}
    )
    return template
