"""What an uploaded file really is, read from its first bytes rather than its name.

The registers accept different types (full texts: PDF, EPUB, images; delivered copies: PDF and
images; event photos: images; documents: PDF besides office files), but a type's signature is
the same everywhere: it is written here once and each register keeps its own list of accepted types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

HEAD = 64  # enough bytes for every signature below


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str


PDF = FileType("application/pdf", "pdf")
EPUB = FileType("application/epub+zip", "epub")
JPEG = FileType("image/jpeg", "jpg")
PNG = FileType("image/png", "png")
GIF = FileType("image/gif", "gif")
TIFF = FileType("image/tiff", "tif")
WEBP = FileType("image/webp", "webp")

_PREFIXES: list[tuple[bytes, FileType]] = [
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
]
# The EPUB container is a ZIP starting with an uncompressed "mimetype" entry (OCF 3.0, 4.3).
_ZIP = b"PK\x03\x04"
_EPUB_MIMETYPE = b"mimetypeapplication/epub+zip"


def file_type(head: bytes) -> FileType | None:
    """The type the first bytes of a file announce, or None if none of the above."""
    if head.startswith(_ZIP) and head[30:58] == _EPUB_MIMETYPE:
        return EPUB
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    return next((found for magic, found in _PREFIXES if head.startswith(magic)), None)


def head_of(upload: IO[bytes], size: int = HEAD) -> bytes:
    """The first bytes of an upload, which is left rewound for whoever reads it next."""
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head
