"""The lending desk page, made for a barcode scanner: one input, Enter.

Without JavaScript the scan is a form post answered by a redirect to the page (the selected
reader in the address); with JavaScript (`desk.js`) the same endpoint answers JSON with the
message and the reader's panel, and the page updates in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.circulation import actions
from kutubxona.circulation.desk import Outcome, find_reader, scan
from kutubxona.circulation.models import Loan, LoanKind
from kutubxona.circulation.rulecache import library_rules
from kutubxona.circulation.views.common import reader_panel
from kutubxona.circulation.writelock import one_writer
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import own_institution
from kutubxona.institutions.access import acting_user
from kutubxona.institutions.models import User
from kutubxona.institutions.roles import Perm
from kutubxona.readers.models import Reader


def _desk_url(reader: Reader | None) -> str:
    url = reverse("circulation:desk")
    return f"{url}?{urlencode({'reader': reader.pk})}" if reader else url


def _context(reader: Reader | None) -> dict[str, object]:
    return {"reader": reader, **(reader_panel(reader) if reader else {})}


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@permission_required(Perm.CIRCULATION_DESK)
def desk(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    reader = find_reader(institution, request.GET.get("reader"))
    return render(request, "circulation/desk.html", {**_context(reader), "kinds": LoanKind.choices})


def _answer(request: HttpRequest, outcome: Outcome) -> dict[str, Any]:
    """The scan's answer for the page's script, kept lean: the whole reader panel only when a
    card was scanned (or a return may lift the selected reader's block), else the one row."""
    answer: dict[str, Any] = {
        "ok": outcome.ok,
        "message": outcome.message,
        "reader": outcome.reader.pk if outcome.reader else None,
    }
    reader, returned = outcome.reader, outcome.returned
    # An overdue copy of the selected reader came back: the block may be lifted.
    lifted = (
        returned is not None
        and reader is not None
        and returned.reader_id == reader.pk
        and returned.due_on < timezone.localdate()
    )
    refresh = outcome.new_reader or lifted
    if refresh:
        answer["panel"] = render_to_string("circulation/_panel.html", _context(reader), request=request)
    elif outcome.lent is not None:
        loan = outcome.lent
        answer["lent"] = {
            "copy": loan.copy.barcode or loan.copy.accession_number,
            "title": loan.copy.record.title,
            "lent": loan.lent_on.isoformat(),
            "due": loan.due_on.isoformat(),
            "renew": reverse("circulation:loan_action", args=[loan.pk, "renew"]),
        }
    elif returned is not None:
        answer["returned"] = returned.copy.barcode or returned.copy.accession_number
    return answer


@require_POST
@permission_required(Perm.CIRCULATION_DESK)
def desk_scan(request: HttpRequest) -> HttpResponse:
    # The user's own library (as `own_institution`), from the process's snapshot (`rulecache`).
    institution_id = acting_user(request).institution_id
    if institution_id is None:
        raise PermissionDenied("no institution")
    institution = library_rules(institution_id).institution
    reader = find_reader(institution, request.POST.get("reader"))
    kind = request.POST.get("kind", "")
    kind = kind if kind in LoanKind.values else LoanKind.HOME
    with one_writer():  # a notice is queued with the scan's commit; a job sends it
        outcome = scan(acting_user(request), institution, request.POST.get("code", ""), reader, kind)
    if _wants_json(request):
        return JsonResponse(_answer(request, outcome), status=200 if outcome.ok else 409)
    (messages.success if outcome.ok else messages.error)(request, outcome.message)
    return redirect(_desk_url(outcome.reader))


@require_POST
@permission_required(Perm.CIRCULATION_DESK)
def loan_action(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """Renew, declare lost or record the replacement of one loan, from the desk or reader page."""
    loan = get_object_or_404(Loan.objects.select_related("reader", "copy__record", "institution"), pk=pk)
    actor = acting_user(request)
    done: dict[str, tuple[Callable[[User, Loan], Loan], str]] = {
        "renew": (actions.renew, _("Renewed until %(due)s.")),
        "lost": (actions.declare_lost, _("The copy is declared lost.")),
        "replaced": (actions.replace_lost, _("The replacement is taken; the copy is back on the shelf.")),
    }
    if what not in done:
        return HttpResponse(status=404)
    action, message = done[what]
    try:
        loan = action(actor, loan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, message % {"due": date_format(loan.due_on, "SHORT_DATE_FORMAT")})
    back = request.POST.get("next", "")
    if back == "reader":
        return redirect("readers:detail", pk=loan.reader_id)
    return redirect(_desk_url(loan.reader))
