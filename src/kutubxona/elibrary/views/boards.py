"""Staff pages of the QR boards: the list, a board with its e-books and their scans (per item, and
per month for the board), add, remove and reorder e-books, and the poster PDF to print.

The digitisation service keeps the boards; the director and the methodist read them.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.core.forms import attach_errors, changed_fields
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import download, form_page, own_institution
from kutubxona.elibrary import actions, open_files
from kutubxona.elibrary.forms import BoardForm, BoardItemForm, MoveForm
from kutubxona.elibrary.models import CURRENT, QrBoard, QrBoardItem, ScanDay
from kutubxona.elibrary.poster import PosterItem, poster_pdf
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.roles import Perm

EDIT = Perm.DIGITIZATION_EDIT
READ = (Perm.DIGITIZATION_EDIT, Perm.REPORTS_VIEW)


def short_url(request: HttpRequest, code: str) -> str:
    """The short link as printed: on the public address (`KUTUBXONA_PUBLIC_URL`), else this one."""
    path = reverse("short_link", args=[code])
    base = settings.KUTUBXONA_PUBLIC_URL.rstrip("/")
    return f"{base}{path}" if base else request.build_absolute_uri(path)


def _get(pk: int) -> QrBoard:
    return get_object_or_404(QrBoard.objects.select_related("institution"), pk=pk)


@permission_required(*READ)
def board_list(request: HttpRequest) -> HttpResponse:
    boards = (
        QrBoard.objects.select_related("institution")
        .annotate(
            item_count=Count("items", filter=Q(items__removed_on__isnull=True), distinct=True),
            scans=Sum("items__link__scans"),
        )
        .order_by("-placed_on", "-id")
    )
    return render(request, "elibrary/boards.html", {"boards": boards, "can_edit": can(request.user, EDIT)})


@permission_required(EDIT)
def board_create(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    form = BoardForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: actions.create_board(acting_user(request), institution, **form.cleaned_data),
        saved=_("The board is created: now add its e-books."),
        then=lambda created: redirect("elibrary:board", pk=created.pk),
        template="elibrary/board_form.html",
        context={"board": None},
    )


@permission_required(*READ)
def board_edit(request: HttpRequest, pk: int) -> HttpResponse:
    board = _get(pk)
    if not can(request.user, EDIT, board.institution):
        return render(request, "403.html", status=403)
    form = BoardForm(request.POST or None, instance=board)
    return form_page(
        request,
        form,
        lambda: actions.update_board(acting_user(request), _get(pk), **changed_fields(form)),
        saved=_("The board is saved."),
        then=lambda _saved: redirect("elibrary:board", pk=pk),
        template="elibrary/board_form.html",
        context={"board": board},
    )


@permission_required(*READ)
def board_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


def _detail(request: HttpRequest, pk: int, item_form: BoardItemForm | None = None) -> HttpResponse:
    board = _get(pk)
    can_edit = can(request.user, EDIT, board.institution)
    items = list(
        QrBoardItem.objects.filter(CURRENT, board=board)
        .select_related("record", "link")
        .order_by("position", "id")
    )
    months = (
        ScanDay.objects.filter(link__qrboarditem__board=board)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(scans=Sum("scans"))
        .order_by("-month")[:12]
    )
    if item_form is None and can_edit:
        item_form = BoardItemForm(institution=board.institution)
    public = open_files.with_public_file(item.record_id for item in items)
    context = {
        "board": board,
        "items": [(item, short_url(request, item.link.code), item.record_id in public) for item in items],
        "closed": sum(1 for item in items if item.record_id not in public),
        "months": months,
        "total_scans": sum(item.link.scans for item in items),
        "can_edit": can_edit,
        "item_form": item_form,
    }
    return render(
        request, "elibrary/board.html", context, status=400 if item_form and item_form.errors else 200
    )


@require_POST
@permission_required(*READ)
def board_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    board = _get(pk)
    actor = acting_user(request)
    if not can(actor, EDIT, board.institution):
        return render(request, "403.html", status=403)
    form = BoardItemForm(request.POST, institution=board.institution)
    if form.is_valid() and form.record is not None:
        try:
            actions.add_board_item(actor, board, form.record, form.cleaned_data["description"])
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("“%(title)s” is on the board.") % {"title": form.record.title})
            return redirect("elibrary:board", pk=pk)
    return _detail(request, pk, item_form=form)


def _item(request: HttpRequest, pk: int) -> QrBoardItem | HttpResponse:
    item = get_object_or_404(
        QrBoardItem.objects.select_related("board", "institution", "record", "link"), CURRENT, pk=pk
    )
    if not can(request.user, EDIT, item.institution):
        return render(request, "403.html", status=403)
    return item


@require_POST
@permission_required(*READ)
def board_item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    if isinstance(item, HttpResponse):
        return item
    actions.remove_board_item(acting_user(request), item)
    messages.success(request, _("“%(title)s” is taken off the board.") % {"title": item.record.title})
    return redirect("elibrary:board", pk=item.board_id)


@require_POST
@permission_required(*READ)
def board_item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    if isinstance(item, HttpResponse):
        return item
    form = MoveForm(request.POST)
    if form.is_valid():
        actions.move_board_item(acting_user(request), item, form.cleaned_data["step"])
    return redirect("elibrary:board", pk=item.board_id)


@permission_required(*READ)
def board_poster(request: HttpRequest, pk: int) -> HttpResponse:
    board = _get(pk)
    items = list(
        QrBoardItem.objects.filter(CURRENT, board=board).select_related("link").order_by("position", "id")
    )
    # An e-book whose file is no longer open to everyone is left off: a visitor could not read it.
    public = open_files.with_public_file(item.record_id for item in items)
    content = poster_pdf(
        board.title,
        board.place,
        board.institution.short,
        [
            PosterItem(item.description, short_url(request, item.link.code))
            for item in items
            if item.record_id in public
        ],
    )
    return download(content, "application/pdf", f"qr-board-{board.pk}.pdf", inline=True)
