"""What an uploaded electronic copy really is, read from its first bytes (not its name)."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile

from kutubxona.core import uploads

ACCEPTED = {uploads.PDF, uploads.JPEG, uploads.PNG, uploads.TIFF}


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) of a PDF or an image, or None for anything else."""
    found = uploads.file_type(head)
    return (found.content_type, found.extension) if found in ACCEPTED else None


def sniff_upload(upload: UploadedFile) -> tuple[str, str] | None:
    return sniff(uploads.head_of(upload))
