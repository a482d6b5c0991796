"""The scanned files: what an upload is (by its bytes), how many pages it holds, where it is
kept (named by its hash, once per institution) and its pages' thumbnails and images for OCR.

An upload is checked whole before anything is saved: an image Pillow cannot verify, a PDF
pdfium cannot open or one without pages is refused with a message naming the file.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pypdfium2 as pdfium
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, ImageChops, ImageOps

from kutubxona.core import uploads

IMAGES = (uploads.JPEG, uploads.PNG, uploads.TIFF, uploads.WEBP)
THUMBNAIL = (160, 220)
THUMBNAILS_AT_UPLOAD = 20  # per file; a PDF's further pages get theirs when first shown
OCR_DPI = 300
MIN_DPI = 150  # an image saying less is taken as OCR_DPI
GREY_TOLERANCE = 6  # the largest difference between a pixel's channels on a grey page
# The largest page read, in megapixels at OCR_DPI (A2 is 35 Mpx): a bigger one would need
# gigabytes to render (a PDF page of 14400 pt square is 3600 Mpx at 300 dpi, ~14 GB).
MAX_MEGAPIXELS = 60
# What opening or rendering a page may raise besides OSError: a damaged PDF, a page too big.
UNREADABLE = (OSError, ValueError, MemoryError, pdfium.PdfiumError, Image.DecompressionBombError)


def _too_big(name: str, page: int, width: float, height: float) -> ValidationError | None:
    """The message refusing a page of `width` x `height` pixels over the cap, or None."""
    pixels = width * height
    if pixels <= MAX_MEGAPIXELS * 1_000_000:
        return None
    message = _(
        "page %(page)d is %(width)d × %(height)d pixels at %(dpi)d dpi (%(mpx)d megapixels); "
        "the largest page read is %(limit)d megapixels: scan it smaller or split it."
    ) % {
        "page": page,
        "width": round(width),
        "height": round(height),
        "dpi": OCR_DPI,
        "mpx": round(pixels / 1_000_000),
        "limit": MAX_MEGAPIXELS,
    }
    return _bad(name, message)


def _too_big_image(name: str, page: int, width: int, height: int) -> ValidationError | None:
    if width * height <= MAX_MEGAPIXELS * 1_000_000:
        return None
    message = _(
        "page %(page)d is %(width)d × %(height)d pixels (%(mpx)d megapixels); "
        "the largest page read is %(limit)d megapixels: scan it smaller or split it."
    ) % {
        "page": page,
        "width": width,
        "height": height,
        "mpx": round(width * height / 1_000_000),
        "limit": MAX_MEGAPIXELS,
    }
    return _bad(name, message)


def max_bytes() -> int:
    return int(settings.KUTUBXONA_SCAN_MAX_MB) * 1024 * 1024


def too_large_message() -> str:
    return _("The upload is larger than %(limit)d MB: upload fewer pages at a time.") % {
        "limit": settings.KUTUBXONA_SCAN_MAX_MB
    }


class LimitedUploadHandler(FileUploadHandler):
    """Stops reading a request body once its files pass the limit (a body sent in chunks has no
    length to check beforehand): nothing past the limit is read into memory or written to disk."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.received = 0
        self.exceeded = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


@dataclass(frozen=True)
class Checked:
    """An upload that passed the checks: its type and how many pages it holds."""

    upload: IO[bytes]
    name: str
    file_type: uploads.FileType
    pages: int


def _bad(name: str, message: str) -> ValidationError:
    return ValidationError({"files": f"{name}: {message}"})


def _no_pages(upload: IO[bytes]) -> bool:
    """pdfium refuses to open a PDF without pages: a small file whose page tree counts none."""
    upload.seek(0)
    head = upload.read(1 << 16)
    return not upload.read(1) and re.search(rb"/Count\s+0\b", head) is not None


def check(upload: IO[bytes], name: str) -> Checked:
    """The upload's type and page count, or a ValidationError saying what is wrong with it."""
    found = uploads.file_type(uploads.head_of(upload))
    if found == uploads.PDF:
        try:
            document = pdfium.PdfDocument(upload)  # read as pdfium needs it, not whole
            try:
                pages = len(document)
                sizes = [document.get_page_size(index) for index in range(pages)]
            finally:
                document.close()
        except pdfium.PdfiumError:
            if _no_pages(upload):
                raise _bad(name, _("this PDF has no pages.")) from None
            raise _bad(name, _("this PDF is damaged and cannot be opened.")) from None
        finally:
            upload.seek(0)
        if pages == 0:
            raise _bad(name, _("this PDF has no pages."))
        for index, (width, height) in enumerate(sizes):
            if refused := _too_big(name, index + 1, width * OCR_DPI / 72, height * OCR_DPI / 72):
                raise refused
        return Checked(upload, name, found, pages)
    if found not in IMAGES:
        raise _bad(name, _("this is not a scanned page: upload JPEG, PNG, TIFF or WebP images or a PDF."))
    try:
        with Image.open(upload) as image:
            image.verify()
        upload.seek(0)
        with Image.open(upload) as image:  # verify() leaves the image unusable: open again
            pages = getattr(image, "n_frames", 1) if found == uploads.TIFF else 1
            for index in range(pages):  # every frame of a TIFF, not only the first
                image.seek(index)
                if refused := _too_big_image(name, index + 1, *image.size):
                    raise refused
    except Image.DecompressionBombError:
        raise _bad(name, _("this image is too big to read.")) from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise _bad(name, _("this image is damaged or not an image at all.")) from None
    finally:
        upload.seek(0)
    return Checked(upload, name, found, pages)


def _digest(upload: IO[bytes]) -> str:
    sha = hashlib.sha256()
    upload.seek(0)
    while chunk := upload.read(1 << 20):
        sha.update(chunk)
    upload.seek(0)
    return sha.hexdigest()


def folder(institution_code: str) -> str:
    return f"digitization/{get_valid_filename(institution_code)}"


def storage_name(checked: Checked, institution_code: str) -> str:
    """Where the upload is kept: named by its hash, so the same file is the same name."""
    return f"{folder(institution_code)}/{_digest(checked.upload)}.{checked.file_type.extension}"


def store(checked: Checked, institution_code: str, name: str = "") -> str:
    """The upload saved (once: its name is its hash); the storage name."""
    name = name or storage_name(checked, institution_code)
    if not default_storage.exists(name):
        saved = default_storage.save(name, File(checked.upload))
        checked.upload.seek(0)
        return saved
    return name


def _grey_or_colour(image: Image.Image) -> Image.Image:
    """A colour image whose channels agree (a grey page) as greyscale: a third of the pixels to
    write and read, half the searchable PDF; a colour one as RGB."""
    rgb = image.convert("RGB")
    red, green, blue = rgb.split()
    grey = all(
        ImageChops.difference(one, other).point(lambda v: 255 if v > GREY_TOLERANCE else 0).getbbox() is None
        for one, other in ((red, green), (green, blue))
    )
    return rgb.convert("L") if grey else rgb


def page_image(source: str, index: int, dpi: int = OCR_DPI) -> Image.Image:
    """Page `index` of a stored file as an upright image, 1-bit as 1-bit, grey as greyscale,
    colour as RGB (a PDF page rendered at `dpi`, never over the cap); OSError, pdfium's error or
    Pillow's DecompressionBombError when the file cannot be read."""
    path = default_storage.path(source)
    with open(path, "rb") as stored:
        is_pdf = stored.read(5) == b"%PDF-"
    if is_pdf:
        document = pdfium.PdfDocument(path)
        try:
            page = document[index]
            width, height = page.get_size()
            # Never more than the cap, whatever the page claims (one stored before the check).
            scale = min(dpi / 72, math.sqrt(MAX_MEGAPIXELS * 1_000_000 / max(width * height, 1)))
            image = _grey_or_colour(page.render(scale=scale).to_pil())
        finally:
            document.close()
        image.info["dpi"] = (dpi, dpi)
        return image
    with Image.open(path) as opened:
        if index:
            opened.seek(index)
        image = ImageOps.exif_transpose(opened)
        dpi_info = opened.info.get("dpi")
        if image.mode == "1":
            image = image.copy()
        elif image.mode in ("L", "LA", "I", "I;16"):
            image = image.convert("L")
        else:
            image = _grey_or_colour(image)
    # A resolution under MIN_DPI is not a scan's (a phone photo says 72): taken as unknown, else
    # the searchable PDF's page would be metres wide.
    image.info["dpi"] = dpi_info if dpi_info and dpi_info[0] and dpi_info[0] >= MIN_DPI else (dpi, dpi)
    return image


def thumbnails_folder(institution_code: str) -> str:
    return f"{folder(institution_code)}/thumbs"


def _stem(source: str) -> str:
    """The hash a stored file is named by."""
    return source.rsplit("/", 1)[-1].split(".")[0]


def delete(source: str, institution_code: str) -> None:
    """A stored file and every thumbnail made of its pages (`<hash>-<page>.jpg`)."""
    default_storage.delete(source)
    thumbs = thumbnails_folder(institution_code)
    try:
        _folders, names = default_storage.listdir(thumbs)
    except FileNotFoundError:
        return
    for name in names:
        if name.startswith(f"{_stem(source)}-"):
            default_storage.delete(f"{thumbs}/{name}")


def thumbnail(source: str, index: int, institution_code: str) -> str:
    """A small JPEG of the page, stored beside the file; its storage name."""
    name = f"{thumbnails_folder(institution_code)}/{_stem(source)}-{index}.jpg"
    if default_storage.exists(name):
        return name
    image = page_image(source, index, dpi=36)
    image.thumbnail(THUMBNAIL)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=80)
    return default_storage.save(name, ContentFile(buffer.getvalue()))


def work_image(image: Image.Image, base: Path) -> Path:
    """The page written for Tesseract as PNG or as JPEG (quality 80), whichever is smaller:
    Tesseract's PDF keeps the image as it gets it, so this is what the searchable PDF weighs
    (a clean printed page is smaller as PNG, a photographed or yellowed one as JPEG)."""
    dpi = image.info["dpi"]
    png, jpeg = io.BytesIO(), io.BytesIO()
    image.save(png, "PNG", dpi=dpi)
    image.save(jpeg, "JPEG", quality=80, dpi=dpi)
    data, suffix = min((png.getvalue(), ".png"), (jpeg.getvalue(), ".jpg"), key=lambda pair: len(pair[0]))
    path = base.with_suffix(suffix)
    path.write_bytes(data)
    return path
