"""Methodological help given to the district's libraries (line 5), counted by date: every
occasion is one, whatever its form (on site, oral, written)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kutubxona.core.dated_metrics import DatedRows, count_per_institution, drill_down
from kutubxona.methodology.models import HelpForm, MethodHelp
from kutubxona.planning.registry import Metric, RecordRow, register
from kutubxona.planning.vocabulary import Unit

help_of = DatedRows(MethodHelp, "date", {"form": "form"}, related=("library",))


def _row(item: MethodHelp) -> RecordRow:
    return RecordRow(
        date=item.date,
        title=item.topic,
        detail=f"{item.library.name}, {item.get_form_display()}",
        url=reverse("methodology:help", args=[item.pk]),
    )


register(
    Metric(
        key="outreach.method_help",
        label=_("methodological help given to libraries"),
        unit=Unit.EVENT,
        count=count_per_institution(help_of),
        records=drill_down(help_of, _row),
        dimensions={"form": HelpForm.values},
    )
)
