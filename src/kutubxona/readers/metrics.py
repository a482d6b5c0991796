"""What readers count for the work plan: lines 15 (all registrations), 15.1 (new) and 15.2
(re-registered for the year), each registration on its day."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kutubxona.core.dated_metrics import DatedRows, count_per_institution, drill_down
from kutubxona.planning.registry import Metric, RecordRow, register
from kutubxona.planning.vocabulary import Unit
from kutubxona.readers.models import Registration, RegistrationKind

registrations = DatedRows(Registration, "date", {"kind": "kind"}, related=("reader",))


def _row(registration: Registration) -> RecordRow:
    reader = registration.reader
    return RecordRow(
        date=registration.date,
        title=str(reader),
        detail=f"{registration.get_kind_display()} · {reader.get_category_display()}",
        url=reverse("readers:detail", args=[reader.pk]),
    )


register(
    Metric(
        key="readers.registrations",
        label=_("readers registered"),
        unit=Unit.PERSON,
        count=count_per_institution(registrations),
        records=drill_down(registrations, _row),
        dimensions={"kind": [RegistrationKind.NEW, RegistrationKind.RENEWAL]},
    )
)
