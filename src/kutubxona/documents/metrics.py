"""Documents counted for the work plan by kind and date: guides (line 1), the library
directory (3), service reports (6), the rare-collection list (24), security reports (37)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kutubxona.core.dated_metrics import DatedRows, count_per_institution, drill_down
from kutubxona.documents.models import Document, DocumentKind
from kutubxona.planning.registry import Metric, RecordRow, register
from kutubxona.planning.vocabulary import Unit

documents_of = DatedRows(Document, "date", {"kind": "kind"})


def _row(doc: Document) -> RecordRow:
    return RecordRow(
        date=doc.date,
        title=f"№ {doc.number} {doc.title}",
        detail=str(doc.get_kind_display()),
        url=reverse("documents:detail", args=[doc.pk]),
    )


register(
    Metric(
        key="documents.count",
        label=_("documents in the register"),
        unit=Unit.DOCUMENT,
        count=count_per_institution(documents_of),
        records=drill_down(documents_of, _row),
        dimensions={"kind": DocumentKind.values},
    )
)
