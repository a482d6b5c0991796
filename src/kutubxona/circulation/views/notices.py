"""The notices list: every notice to the library's readers with how its sending went (waiting,
sent, could not be sent with the error, tries), filtered by status; a notice that could not be
sent may be queued again."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.circulation import actions
from kutubxona.circulation.models import Notice, NoticeKind, NoticeStatus
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import own_institution
from kutubxona.institutions.access import acting_user
from kutubxona.institutions.roles import Perm

PAGE_SIZE = 50


@permission_required(Perm.CIRCULATION_DESK)
def notice_list(request: HttpRequest) -> HttpResponse:
    notices = Notice.objects.filter(institution=own_institution(request)).select_related("reader")
    status = request.GET.get("status", "")
    if status in NoticeStatus.values:
        notices = notices.filter(status=status)
    kind = request.GET.get("kind", "")
    if kind in NoticeKind.values:
        notices = notices.filter(kind=kind)
    context = {
        "page": Paginator(notices.order_by("-sent_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page")),
        "status": status,
        "kind": kind,
        "query": urlencode({k: v for k, v in (("status", status), ("kind", kind)) if v}),
        "statuses": NoticeStatus.choices,
        "kinds": NoticeKind.choices,
        "failed": Notice.objects.filter(
            institution=own_institution(request), status=NoticeStatus.FAILED
        ).count(),
    }
    return render(request, "circulation/notices.html", context)


@require_POST
@permission_required(Perm.CIRCULATION_DESK)
def notice_resend(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(Notice.objects.select_related("institution"), pk=pk)
    try:
        actions.resend_notice(acting_user(request), notice)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The notice is queued to be sent again."))
    return redirect("circulation:notices")
