"""What staff records count for the work plan: issued staff reports (line 2), trainings (38).

Line 2 counts every issued report, monthly and quarterly (dimension `kind` narrows it), on the
day it was issued; a re-issue replaces the snapshot and does not count again. Line 38 counts
trainings by their first day, both those our staff attended and those we gave (dimension
`direction` narrows it): the seed's mechanism names both.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kutubxona.core.dated_metrics import DatedRows, count_per_institution, drill_down
from kutubxona.hr.models import Direction, ReportKind, StaffReport, Training
from kutubxona.planning.registry import Metric, RecordRow, register
from kutubxona.planning.vocabulary import Unit

reports_of = DatedRows(StaffReport, "issued_on", {"kind": "kind"})
trainings_of = DatedRows(Training, "starts_on", {"direction": "direction"})


def _report_row(report: StaffReport) -> RecordRow:
    return RecordRow(
        date=report.issued_on,
        title=str(report),
        url=reverse("hr:issued_report", args=[report.pk]),
    )


def _training_row(training: Training) -> RecordRow:
    return RecordRow(
        date=training.starts_on,
        title=training.topic,
        detail=f"{training.get_form_display()}, {training.get_direction_display()}",
        url=reverse("hr:training", args=[training.pk]),
    )


register(
    Metric(
        key="hr.staff_reports",
        label=_("staff monitoring reports issued"),
        unit=Unit.DOCUMENT,
        count=count_per_institution(reports_of),
        records=drill_down(reports_of, _report_row),
        dimensions={"kind": ReportKind.values},
    )
)
register(
    Metric(
        key="hr.trainings",
        label=_("trainings attended and given"),
        unit=Unit.EVENT,
        count=count_per_institution(trainings_of),
        records=drill_down(trainings_of, _training_row),
        dimensions={"direction": Direction.values},
    )
)
