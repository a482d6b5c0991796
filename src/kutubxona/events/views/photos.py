"""An event's photos: upload (checked by their bytes), show (to staff only), remove."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kutubxona.core.forms import attach_errors
from kutubxona.core.permissions import permission_required
from kutubxona.events import actions
from kutubxona.events.forms import PhotoForm
from kutubxona.events.models import EventPhoto
from kutubxona.events.views.common import READ
from kutubxona.events.views.events import _editable, detail_page
from kutubxona.institutions.access import acting_user

CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}


@require_POST
@permission_required(READ)
def photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = _editable(request, pk)
    if isinstance(event, HttpResponse):
        return event
    form = PhotoForm(request.POST, request.FILES, prefix="photo")
    if form.is_valid():
        try:
            actions.add_photo(
                acting_user(request), event, form.cleaned_data["image"], form.cleaned_data["caption"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The photo is added."))
            return redirect(f"{event.get_absolute_url()}#photos")
    return detail_page(request, event, photo_form=form)


@require_POST
@permission_required(READ)
def photo_remove(request: HttpRequest, pk: int, photo_id: int) -> HttpResponse:
    event = _editable(request, pk)
    if isinstance(event, HttpResponse):
        return event
    photo = get_object_or_404(
        EventPhoto.objects.select_related("event__institution"), pk=photo_id, event=event
    )
    actions.remove_photo(acting_user(request), photo)
    messages.success(request, _("The photo is removed."))
    return redirect(f"{event.get_absolute_url()}#photos")


@permission_required(READ)
def photo_file(request: HttpRequest, pk: int, photo_id: int, size: str) -> FileResponse:
    """The photo or its thumbnail; media files are not public, so they are served here."""
    photo = get_object_or_404(EventPhoto.objects.all(), pk=photo_id, event_id=pk)
    file = photo.thumbnail if size == "thumb" else photo.image
    kind = file.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(file.open("rb"), content_type=CONTENT_TYPES.get(kind, "application/octet-stream"))
    response["Cache-Control"] = "private, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response
