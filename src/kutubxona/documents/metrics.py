"""Documents counted for the work plan by kind and date: guides (line 1), the library
directory (3), service reports (6), the rare-collection list (24), security reports (37)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kutubxona.core.metric_helpers import count_by_institution, dated_rows, record_rows
from kutubxona.documents.models import Document, DocumentKind
from kutubxona.planning.registry import Metric, RecordRow, register
from kutubxona.planning.vocabulary import Unit

documents_of = dated_rows(Document, "date", {"kind": "kind"})


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
        count=count_by_institution(documents_of),
        records=record_rows(documents_of, "date", _row),
        dimensions={"kind": DocumentKind.values},
    )
)
