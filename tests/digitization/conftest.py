"""Digitisation fixtures: Arnasoy's ICT operator (umid), a record to scan, pages of Uzbek text
rendered with Pillow (Latin and Cyrillic lines, a large font: OCR is quick and sure of it)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

import kutubxona.core
from kutubxona.catalog.models import Record
from kutubxona.digitization import actions
from kutubxona.digitization.models import Kind, ScanJob
from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Role
from tests.conftest import PASSWORD, World
from tests.search.conftest import marc

FONT = Path(kutubxona.core.__file__).parent / "fonts" / "DejaVuSans.ttf"
# Words found only on the scanned page (not in the record): the search must find them by OCR.
LATIN = ["Zarafshon vohasi", "qadimiy karvonsaroy"]
CYRILLIC = ["Мирзачўл далалари", "пахтакор деҳқонлар"]


def page_image(lines: Sequence[str] = (*LATIN, *CYRILLIC), fmt: str = "PNG", size: int = 40) -> bytes:
    """A small scanned page: black text on white, 150 dpi."""
    font = ImageFont.truetype(str(FONT), size)
    image = Image.new("L", (900, 90 + len(lines) * size * 2), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((50, 50 + number * size * 2), line, font=font, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, fmt, dpi=(150, 150))
    return buffer.getvalue()


def pdf_of(*pages: bytes) -> bytes:
    images = [Image.open(io.BytesIO(page)).convert("RGB") for page in pages]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=150, save_all=True, append_images=images[1:])
    return buffer.getvalue()


def upload(content: bytes, name: str = "page.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def umid(world: World) -> User:
    """Arnasoy's ICT and digitisation officer."""
    return institution_actions.create_staff(
        None, world.arnasoy, username="umid", password=PASSWORD, role=Role.ICT, first_name="Umid"
    )


def make_record(institution: Institution, title: str = "Jizzax viloyati tarixi") -> Record:
    from kutubxona.catalog import actions as catalog_actions

    return catalog_actions.create_record(None, institution, marc(title, "Qodirov A.", year=2005))


@pytest.fixture
def record(world: World) -> Record:
    return make_record(world.arnasoy)


def make_scan(actor: User | None, record: Record, kind: str = Kind.REQUEST, **fields: Any) -> ScanJob:
    return actions.create_scan(actor, record.institution, kind=kind, record=record, **fields)


def add(actor: User | None, scan: ScanJob, *contents: bytes, name: str = "page.png") -> None:
    actions.add_pages(actor, scan, [(upload(c, name), name) for c in contents])
