"""The one table of file signatures, and what each register accepts from it."""

from __future__ import annotations

import io

import pytest

from kutubxona.catalog.fulltext import sniff as fulltext_kind
from kutubxona.core import uploads
from kutubxona.events.photos import image_type
from kutubxona.services.files import sniff as delivered_copy_type

EPUB_HEAD = b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/epub+zip"
HEADS = {
    uploads.PDF: b"%PDF-1.7\n",
    uploads.EPUB: EPUB_HEAD,
    uploads.JPEG: b"\xff\xd8\xff\xe0\x00\x10JFIF",
    uploads.PNG: b"\x89PNG\r\n\x1a\n\x00\x00",
    uploads.GIF: b"GIF89a\x01\x00",
    uploads.TIFF: b"MM\x00*\x00\x00\x00\x08",
    uploads.WEBP: b"RIFF\x24\x00\x00\x00WEBPVP8 ",
}


@pytest.mark.parametrize("expected", list(HEADS))
def test_a_file_is_known_by_its_first_bytes(expected: uploads.FileType) -> None:
    assert uploads.file_type(HEADS[expected]) == expected
    assert uploads.file_type(b"II*\x00") == uploads.TIFF


@pytest.mark.parametrize(
    "head", [b"", b"hello, world", b"PK\x03\x04" + b"\x00" * 60, b"RIFF\x00\x00\x00\x00WAVE", b"%PD"]
)
def test_anything_else_is_unknown(head: bytes) -> None:
    assert uploads.file_type(head) is None


def test_the_head_is_read_from_the_start_and_rewound() -> None:
    upload = io.BytesIO(b"%PDF-" + b"x" * 100)
    upload.read(10)
    assert uploads.head_of(upload) == (b"%PDF-" + b"x" * 100)[: uploads.HEAD]
    assert upload.tell() == 0


def test_each_register_accepts_its_own_types() -> None:
    assert fulltext_kind(HEADS[uploads.EPUB]) == ("epub", "application/epub+zip")
    assert fulltext_kind(HEADS[uploads.WEBP]) == ("image", "image/webp")
    assert fulltext_kind(HEADS[uploads.GIF]) is None
    assert delivered_copy_type(HEADS[uploads.TIFF]) == ("image/tiff", "tif")
    assert delivered_copy_type(HEADS[uploads.EPUB]) is None
    assert image_type(HEADS[uploads.GIF]) == "gif"
    assert image_type(HEADS[uploads.PDF]) is None
