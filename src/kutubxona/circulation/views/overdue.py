"""Overdue loans: the list, the printable notices (one per reader, PDF) and sending them; one
reader's overdue letter in their language (from the reader's page)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kutubxona.circulation import actions, notify
from kutubxona.circulation.models import OPEN, Hold, HoldStatus, Loan
from kutubxona.circulation.views.common import expire_holds
from kutubxona.core import tabular
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import download, own_institution, tabular_download
from kutubxona.institutions.access import acting_user
from kutubxona.institutions.roles import Perm
from kutubxona.readers.models import Reader


def _overdue(request: HttpRequest) -> list[Loan]:
    today = timezone.localdate()
    return list(
        Loan.objects.filter(OPEN, institution=own_institution(request), due_on__lt=today)
        .select_related("reader", "copy__record")
        .order_by("reader__last_name", "reader_id", "due_on")
    )


def _notices(loans: list[Loan], title: str = "") -> tabular.Document:
    today = timezone.localdate()
    by_reader: dict[int, list[Loan]] = {}
    for loan in loans:
        by_reader.setdefault(loan.reader_id, []).append(loan)
    sections = [
        tabular.Section(
            heading=f"{group[0].reader} · {group[0].reader.card} · {group[0].reader.phone}",
            headers=[_("Title"), _("Accession number"), _("Lent"), _("Due"), _("Days overdue")],
            rows=[
                [
                    loan.copy.record.title,
                    loan.copy.accession_number,
                    loan.lent_on,
                    loan.due_on,
                    (today - loan.due_on).days,
                ]
                for loan in group
            ],
        )
        for group in by_reader.values()
    ]
    return tabular.Document(
        title=title or _("Please bring back the books"),
        subtitle=_("Notice of overdue books, %(day)s") % {"day": today.isoformat()},
        sections=sections,
    )


@permission_required(Perm.CIRCULATION_DESK)
def overdue(request: HttpRequest) -> HttpResponse:
    loans = _overdue(request)
    fmt = request.GET.get("format", "")
    if fmt in {"pdf", "xlsx"}:
        response = tabular_download(_notices(loans), fmt, "overdue")
        assert response is not None
        return response
    return render(request, "circulation/overdue.html", {"loans": loans, "today": timezone.localdate()})


@permission_required(Perm.CIRCULATION_DESK)
def overdue_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """One reader's overdue letter (PDF) in the reader's language, from the reader's page."""
    reader = get_object_or_404(Reader.objects.select_related("institution"), pk=pk)
    today = timezone.localdate()
    loans = list(
        Loan.objects.filter(OPEN, reader=reader, due_on__lt=today)
        .select_related("reader", "copy__record")
        .order_by("due_on", "id")
    )
    if not loans:
        messages.info(request, _("%(reader)s has no overdue books.") % {"reader": reader})
        return redirect("readers:detail", pk=reader.pk)
    with translation.override(notify.language(reader)):
        title = _("%(library)s: please bring back the books") % {"library": reader.institution}
        content = tabular.to_pdf(_notices(loans, title))
    return download(content, "application/pdf", f"overdue-{reader.card}.pdf")


@require_POST
@permission_required(Perm.CIRCULATION_DESK)
def overdue_send(request: HttpRequest) -> HttpResponse:
    result = actions.send_overdue_notices(acting_user(request), own_institution(request))
    messages.success(request, _("Notices queued for sending: %(n)s. Print the rest.") % {"n": result.queued})
    if result.earlier:
        messages.info(
            request,
            ngettext(
                "%(n)s reader was already sent an overdue notice today; not sent again.",
                "%(n)s readers were already sent an overdue notice today; not sent again.",
                result.earlier,
            )
            % {"n": result.earlier},
        )
    return redirect("circulation:overdue")


@permission_required(Perm.CIRCULATION_DESK)
def holds(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    expire_holds(institution_id=institution.pk)  # copies not picked up in time move on
    active = (
        Hold.objects.filter(institution=institution, status__in=[HoldStatus.WAITING, HoldStatus.READY])
        .select_related("record", "reader", "copy")
        .order_by("status", "placed_at")
    )
    return render(request, "circulation/holds.html", {"holds": active})
