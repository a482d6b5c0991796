"""The library directory as a table (page export, XLSX, PDF, the registered document)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext as _

from kutubxona.core import tabular
from kutubxona.institutions.models import Institution
from kutubxona.methodology.models import Library


def _coordinates(library: Library) -> str:
    if library.latitude is None or library.longitude is None:
        return ""
    return f"{library.latitude:.5f}, {library.longitude:.5f}"


def title(institution: Institution) -> str:
    return _("Directory of the libraries of the district: %(name)s") % {"name": institution.name}


def document(institution: Institution, libraries: Iterable[Library], day: datetime.date) -> tabular.Document:
    rows: list[list[object]] = [
        [
            number,
            library.name,
            str(library.get_type_display()),
            library.address,
            _coordinates(library),
            " ".join(part for part in (library.contact_person, library.phone) if part),
            library.collection_size,
            library.readers,
        ]
        for number, library in enumerate(libraries, start=1)
    ]
    headers = [
        "№",
        _("Name"),
        _("Type"),
        _("Address"),
        _("Coordinates"),
        _("Contact"),
        _("Collection (copies)"),
        _("Readers"),
    ]
    return tabular.Document(
        title=title(institution),
        subtitle=_("As of %(day)s; libraries: %(count)s") % {"day": day.isoformat(), "count": len(rows)},
        sections=[tabular.Section("", headers, rows, [5, 40, 24, 36, 20, 30, 12, 10])],
        wide=True,
    )
