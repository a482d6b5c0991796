"""Checking an uploaded photo by its first bytes (not its name) and making its thumbnail."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from kutubxona.core import uploads

MAX_PHOTO_BYTES = 10 * 1024 * 1024
THUMBNAIL_SIZE = (320, 240)
# A phone's or camera's photo formats.
PHOTO_TYPES = {uploads.JPEG, uploads.PNG, uploads.GIF, uploads.WEBP}


def image_type(head: bytes) -> str | None:
    """The extension the first bytes of a file announce, or None if they are not a photo's."""
    found = uploads.file_type(head)
    return found.extension if found in PHOTO_TYPES else None


def checked_photo(upload: UploadedFile) -> tuple[bytes, str]:
    """The bytes and type of an upload that really is a photo; ValidationError otherwise."""
    if upload.size is not None and upload.size > MAX_PHOTO_BYTES:
        raise ValidationError({"image": _("The photo is larger than 10 MB.")})
    upload.seek(0)
    data = upload.read()
    kind = image_type(data[:16])
    if kind is None:
        raise ValidationError(
            {
                "image": _("%(name)s is not a photo: upload a JPEG, PNG, GIF or WebP image.")
                % {"name": upload.name}
            }
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()  # a truncated or forged file fails here
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            {"image": _("%(name)s is damaged and cannot be read as an image.") % {"name": upload.name}}
        ) from error
    return data, kind


def thumbnail(data: bytes) -> ContentFile[bytes]:
    """A small JPEG of the photo, for the event page."""
    with Image.open(io.BytesIO(data)) as image:
        image.thumbnail(THUMBNAIL_SIZE)
        out = io.BytesIO()
        image.convert("RGB").save(out, "JPEG", quality=80)
    return ContentFile(out.getvalue())
