"""What an uploaded electronic copy really is, read from its first bytes (not its name)."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile

# (leading bytes, content type, file extension)
SIGNATURES: list[tuple[bytes, str, str]] = [
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"II*\x00", "image/tiff", "tif"),
    (b"MM\x00*", "image/tiff", "tif"),
]


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) of a PDF or an image, or None for anything else."""
    for magic, content_type, extension in SIGNATURES:
        if head.startswith(magic):
            return content_type, extension
    return None


def sniff_upload(upload: UploadedFile) -> tuple[str, str] | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return sniff(head)
