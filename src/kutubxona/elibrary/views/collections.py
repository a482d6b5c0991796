"""Staff pages of the digital collections: the list with item counts, a collection with its items
(add by picking a record, remove, change who may open the file), create and edit.

The digitisation service keeps the collections; cataloguers add and remove items; the director
and the methodist read them (the plan's drill-down links here). Another library's collection is
a 404 (the scoped manager does not find it).
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.catalog.models import FullText
from kutubxona.core.forms import attach_errors, changed_fields
from kutubxona.core.permissions import permission_required
from kutubxona.core.viewhelpers import form_page, own_institution
from kutubxona.elibrary import actions, open_files
from kutubxona.elibrary.forms import AccessForm, CollectionForm, ItemForm
from kutubxona.elibrary.models import CURRENT, CollectionItem, FullTextCollection
from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.roles import Perm

EDIT = Perm.DIGITIZATION_EDIT
READ = (Perm.DIGITIZATION_EDIT, Perm.CATALOG_EDIT, Perm.REPORTS_VIEW)
PAGE_SIZE = 50


def _get(pk: int) -> FullTextCollection:
    return get_object_or_404(FullTextCollection.objects.select_related("institution"), pk=pk)


@permission_required(*READ)
def collection_list(request: HttpRequest) -> HttpResponse:
    rows = (
        FullTextCollection.objects.select_related("institution")
        .annotate(item_count=Count("items", filter=Q(items__removed_on__isnull=True)))
        .order_by("institution__path", "name", "id")
    )
    context = {"collections": rows, "can_edit": can(request.user, EDIT)}
    return render(request, "elibrary/list.html", context)


@permission_required(EDIT)
def collection_create(request: HttpRequest) -> HttpResponse:
    institution = own_institution(request)
    form = CollectionForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: actions.create_collection(acting_user(request), institution, **form.cleaned_data),
        saved=_("The collection is created."),
        then=lambda created: redirect("elibrary:collection", pk=created.pk),
        template="elibrary/form.html",
        context={"collection": None},
    )


@permission_required(*READ)
def collection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    collection = _get(pk)
    if not can(request.user, EDIT, collection.institution):
        return render(request, "403.html", status=403)
    form = CollectionForm(request.POST or None, instance=collection)
    return form_page(
        request,
        form,
        lambda: actions.update_collection(acting_user(request), _get(pk), **changed_fields(form)),
        saved=_("The collection is saved."),
        then=lambda _saved: redirect("elibrary:collection", pk=pk),
        template="elibrary/form.html",
        context={"collection": collection},
    )


@permission_required(*READ)
def collection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


def _detail(request: HttpRequest, pk: int, item_form: ItemForm | None = None) -> HttpResponse:
    """The collection's page; `item_form` is the refused one, with what was typed."""
    collection = _get(pk)
    may_add = actions.may_add_items(request.user, collection.institution)
    items = CollectionItem.objects.filter(CURRENT, collection=collection).select_related("record", "fulltext")
    page = Paginator(items.order_by("sort_title", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    files: dict[int, list[FullText]] = defaultdict(list)
    for file in FullText.objects.filter(record_id__in=[item.record_id for item in page]).order_by("id"):
        files[file.record_id].append(file)
    for item in page:
        item.choices = files[item.record_id] if len(files[item.record_id]) > 1 else []  # type: ignore[attr-defined]
    if item_form is None and may_add:
        item_form = ItemForm(institution=collection.institution)
    context = {
        "collection": collection,
        "page": page,
        "item_form": item_form,
        "may_add": may_add,
        "can_edit": can(request.user, EDIT, collection.institution),
        "access_form": AccessForm(),
    }
    return render(
        request, "elibrary/detail.html", context, status=400 if item_form and item_form.errors else 200
    )


@require_POST
@permission_required(*READ)
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    collection = _get(pk)
    actor = acting_user(request)
    if not actions.may_add_items(actor, collection.institution):
        return render(request, "403.html", status=403)
    form = ItemForm(request.POST, request.FILES, institution=collection.institution)
    if form.is_valid() and form.record is not None:
        upload = form.cleaned_data["file"]
        try:
            actions.add_item(
                actor,
                collection,
                form.record,
                upload=upload,
                upload_name=upload.name if upload else "",
                access=form.cleaned_data["access"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("“%(title)s” is added.") % {"title": form.record.title})
            return redirect("elibrary:collection", pk=pk)
    return _detail(request, pk, item_form=form)


def _item(request: HttpRequest, pk: int) -> CollectionItem | HttpResponse:
    item = get_object_or_404(
        CollectionItem.objects.select_related("collection", "institution", "record", "fulltext"),
        CURRENT,
        pk=pk,
    )
    if not actions.may_add_items(request.user, item.institution):
        return render(request, "403.html", status=403)
    return item


@require_POST
@permission_required(*READ)
def item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    if isinstance(item, HttpResponse):
        return item
    actions.remove_item(acting_user(request), item)
    messages.success(request, _("“%(title)s” is taken out of the collection.") % {"title": item.record.title})
    return redirect("elibrary:collection", pk=item.collection_id)


@require_POST
@permission_required(*READ)
def item_access(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    if isinstance(item, HttpResponse):
        return item
    form = AccessForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose who may open the file."))
    else:
        try:
            actions.set_item_access(acting_user(request), item, form.cleaned_data["access"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Who may open “%(title)s” is changed.") % {"title": item.record.title}
            )
            warning = open_files.board_warning(item.record)
            if warning:
                messages.warning(request, warning)
    return redirect("elibrary:collection", pk=item.collection_id)


@require_POST
@permission_required(*READ)
def item_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Show another of the record's files."""
    item = _item(request, pk)
    if isinstance(item, HttpResponse):
        return item
    chosen = request.POST.get("fulltext", "")
    file = (
        FullText.objects.filter(pk=int(chosen), record_id=item.record_id).first()
        if chosen.isdigit()
        else None
    )
    if file is None:
        messages.error(request, _("The file must be one of this record's files."))
    else:
        actions.set_item_file(acting_user(request), item, file)
        messages.success(
            request, _("“%(title)s” now shows %(file)s.") % {"title": item.record.title, "file": file}
        )
    return redirect("elibrary:collection", pk=item.collection_id)
