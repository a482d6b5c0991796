"""Full-text files: the type from the bytes, access levels (anonymous, staff, readers, another
library), inline PDFs, removal (audited), and plan line 13 (records linked in the period)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from reportlab.pdfgen.canvas import Canvas

from kutubxona.catalog import actions, fulltext
from kutubxona.catalog.models import AccessLevel, FullText, FullTextKind, Record
from kutubxona.core.models import AuditEntry
from kutubxona.institutions import actions as institution_actions
from kutubxona.institutions.models import Institution, User
from kutubxona.institutions.roles import Role
from kutubxona.planning.actions import create_plan
from kutubxona.planning.builtin import ensure_template
from kutubxona.planning.periods import Period
from kutubxona.planning.registry import get
from kutubxona.planning.report import build_report
from tests.catalog.test_matching import book
from tests.conftest import PASSWORD, World, login

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
EPUB = b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/epub+zip" + b"PK\x01\x02"


@pytest.fixture(autouse=True)
def _english_pages(client: Client) -> None:
    """Pages are checked in English (a user's language is otherwise Uzbek)."""
    client.cookies["django_language"] = "en"


def pdf_bytes(text: str = "To'liq matn") -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(100, 700, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.fixture
def record(world: World, dilnoza: User) -> Record:
    return actions.create_record(dilnoza, world.arnasoy, book("O'tkan kunlar"))


def attach(
    actor: User | None, record: Record, data: bytes, access: str = AccessLevel.PUBLIC, name: str = "f.pdf"
) -> FullText:
    return fulltext.attach(actor, record, io.BytesIO(data), name=name, access=access)


@pytest.mark.parametrize(
    ("data", "kind", "content_type"),
    [
        (pdf_bytes(), FullTextKind.PDF, "application/pdf"),
        (EPUB, FullTextKind.EPUB, "application/epub+zip"),
        (PNG, FullTextKind.IMAGE, "image/png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, FullTextKind.IMAGE, "image/jpeg"),
        (b"II*\x00" + b"\x00" * 20, FullTextKind.IMAGE, "image/tiff"),
    ],
)
def test_the_kind_comes_from_the_bytes(
    world: World, dilnoza: User, record: Record, data: bytes, kind: str, content_type: str
) -> None:
    item = attach(dilnoza, record, data, name="kitob.txt")  # the name says nothing
    assert (item.kind, item.content_type, item.size) == (kind, content_type, len(data))
    assert item.file.read() == data and item.original_name == "kitob.txt"
    entry = AuditEntry.objects.get(action="catalog.fulltext.attach")
    assert entry.changes["record"] == record.pk and entry.changes["sha256"] == item.sha256


def test_a_file_that_is_not_what_its_name_says_is_refused(
    world: World, dilnoza: User, record: Record
) -> None:
    for data in (b"<html>not a pdf</html>", b"PK\x03\x04" + b"\x00" * 60, b""):
        with pytest.raises(ValidationError) as error:
            attach(dilnoza, record, data, name="kitob.pdf")
        assert "not a PDF, an EPUB or an image" in error.value.message_dict["file"][0]
    assert not FullText.objects.exists()


def test_size_limit_from_the_settings(world: World, dilnoza: User, record: Record) -> None:
    with override_settings(KUTUBXONA_FULLTEXT_MAX_BYTES=1024 * 1024), pytest.raises(ValidationError) as error:
        attach(dilnoza, record, b"%PDF-1.4\n" + b"0" * (1024 * 1024))
    assert error.value.message_dict["file"] == ["The file is larger than 1 MB."]
    assert not FullText.objects.exists()


def test_the_limit_is_a_parameter_the_system_s_own_files_pass_over(
    world: World, dilnoza: User, record: Record
) -> None:
    """Uploads keep the setting's limit; a caller may name another, or none (OCR's own PDF)."""
    big = b"%PDF-1.4\n" + b"0" * 4096
    with override_settings(KUTUBXONA_FULLTEXT_MAX_BYTES=1024):
        with pytest.raises(ValidationError, match="larger than"):
            fulltext.attach(dilnoza, record, io.BytesIO(big), name="a.pdf", access="public", max_bytes=2048)
        made = fulltext.attach(
            dilnoza, record, io.BytesIO(big), name="b.pdf", access="public", max_bytes=None
        )
    assert made.size == len(big) and FullText.objects.get() == made


def test_only_cataloguers_and_digitisers_attach(world: World, dilnoza: User, record: Record) -> None:
    with pytest.raises(PermissionDenied):
        attach(world.bob, record, pdf_bytes())
    ict = _staff(world.arnasoy, Role.ICT, "nodira")
    assert attach(ict, record, pdf_bytes()).uploaded_by == ict


def _staff(institution: Institution, role: str, username: str) -> User:
    return institution_actions.create_staff(
        None, institution, username=username, password=PASSWORD, role=role, first_name=username
    )


def _file_url(item: FullText) -> str:
    return reverse("catalog:fulltext_file", args=[item.pk])


@pytest.fixture
def levels(world: World, dilnoza: User, record: Record) -> dict[str, FullText]:
    return {
        level: attach(dilnoza, record, pdf_bytes(level), access=level, name=f"{level}.pdf")
        for level in AccessLevel.values
    }


def test_anonymous_visitors_open_public_files_only(client: Client, levels: dict[str, FullText]) -> None:
    public = client.get(_file_url(levels[AccessLevel.PUBLIC]))
    assert public.status_code == 200 and public["Content-Type"] == "application/pdf"
    assert public["Content-Disposition"].startswith("inline") and public.getvalue().startswith(b"%PDF")
    for level in (AccessLevel.READERS, AccessLevel.STAFF):
        response = client.get(_file_url(levels[level]))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get(reverse("catalog:fulltext_file", args=[999999])).status_code == 404


def test_staff_open_everything_and_another_library_public_files_only(
    client: Client, world: World, levels: dict[str, FullText]
) -> None:
    login(client, world.bob)  # any member of the library's staff
    assert all(client.get(_file_url(item)).status_code == 200 for item in levels.values())
    login(client, world.maria)  # the regional methodist sees the district
    assert client.get(_file_url(levels[AccessLevel.STAFF])).status_code == 200
    login(client, world.charlie)  # another district: not told the file exists
    assert client.get(_file_url(levels[AccessLevel.PUBLIC])).status_code == 200
    assert client.get(_file_url(levels[AccessLevel.READERS])).status_code == 404
    assert client.get(_file_url(levels[AccessLevel.STAFF])).status_code == 404


@pytest.fixture
def reader_rule(world: World) -> Iterator[set[int]]:
    """A stand-in for the readers' app: users whose id is in the set are Arnasoy's readers."""
    readers: set[int] = set()

    def check(user: User | AnonymousUser, institution: Institution) -> bool:
        return user.is_authenticated and user.pk in readers and institution == world.arnasoy

    fulltext.register_reader_check(check)
    yield readers
    fulltext._reader_checks.remove(check)


def test_readers_level_is_open_to_the_readers_the_readers_app_names(
    world: World, levels: dict[str, FullText], reader_rule: set[int]
) -> None:
    reader = world.charlie  # any logged-in account the readers' rule accepts
    assert not fulltext.may_read(reader, levels[AccessLevel.READERS])
    reader_rule.add(reader.pk)
    assert fulltext.may_read(reader, levels[AccessLevel.READERS])
    assert not fulltext.may_read(reader, levels[AccessLevel.STAFF])
    assert not fulltext.may_read(AnonymousUser(), levels[AccessLevel.READERS])


def test_other_kinds_are_downloaded(client: Client, world: World, dilnoza: User, record: Record) -> None:
    item = attach(dilnoza, record, EPUB, name="kitob.epub")
    response = client.get(_file_url(item))
    assert response.status_code == 200 and response["Content-Type"] == "application/epub+zip"
    assert response["Content-Disposition"].startswith('attachment; filename="kitob.epub"')


def test_upload_on_the_record_page(client: Client, world: World, dilnoza: User, record: Record) -> None:
    url = reverse("catalog:fulltext_upload", args=[record.pk])
    login(client, dilnoza)
    wrong = client.post(
        url, {"file": SimpleUploadedFile("kitob.pdf", b"MZ\x90\x00 an exe"), "access": "public"}
    )
    assert wrong.status_code == 200 and "not a PDF, an EPUB or an image" in wrong.content.decode()
    assert not FullText.objects.exists()
    good = client.post(url, {"file": SimpleUploadedFile("kitob.pdf", pdf_bytes()), "access": "readers"})
    assert good.status_code == 302
    item = FullText.objects.get()
    assert (item.record, item.access, item.uploaded_by) == (record, AccessLevel.READERS, dilnoza)
    page = client.get(reverse("catalog:detail", args=[record.pk])).content.decode()
    assert "kitob.pdf" in page and _file_url(item) in page
    login(client, world.bob)
    assert (
        client.post(url, {"file": SimpleUploadedFile("a.pdf", pdf_bytes()), "access": "public"}).status_code
        == 403
    )
    login(client, world.charlie)
    assert (
        client.post(url, {"file": SimpleUploadedFile("a.pdf", pdf_bytes()), "access": "public"}).status_code
        == 404
    )
    assert FullText.objects.count() == 1


def test_change_access_and_remove(
    client: Client, world: World, dilnoza: User, record: Record, django_capture_on_commit_callbacks: Any
) -> None:
    item = attach(dilnoza, record, pdf_bytes())
    path = Path(item.file.path)
    login(client, world.bob)
    assert client.post(reverse("catalog:fulltext_remove", args=[item.pk])).status_code == 403
    login(client, world.charlie)
    assert client.post(reverse("catalog:fulltext_remove", args=[item.pk])).status_code == 404
    login(client, dilnoza)
    client.post(reverse("catalog:fulltext_access", args=[item.pk]), {"access": "staff"})
    item.refresh_from_db()
    assert item.access == AccessLevel.STAFF
    assert AuditEntry.objects.get(action="catalog.fulltext.access").changes == {"access": ["public", "staff"]}
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the removal commits
        response = client.post(reverse("catalog:fulltext_remove", args=[item.pk]))
    assert response.status_code == 302 and not FullText.objects.exists()
    entry = AuditEntry.objects.get(action="catalog.fulltext.remove")
    assert entry.changes["record"] == record.pk and entry.changes["sha256"] == item.sha256
    assert not path.exists()


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_records_linked_to_full_text_move_line_13(world: World, dilnoza: User) -> None:
    plan = create_plan(None, world.arnasoy, 2021, ensure_template())
    records = [actions.create_record(dilnoza, world.arnasoy, book(f"Kitob {n}")) for n in range(4)]
    link = [
        datetime.date(2021, 3, 1),
        datetime.date(2021, 3, 20),
        datetime.date(2020, 12, 30),
        datetime.date(2021, 5, 1),
    ]
    for record, day in zip(records, link, strict=True):
        fulltext.attach(
            dilnoza, record, io.BytesIO(pdf_bytes()), name="a.pdf", access="public", linked_at=_at(day)
        )
    # A second file of a record counts nothing; records[2] got its first file in 2020.
    fulltext.attach(
        dilnoza,
        records[0],
        io.BytesIO(PNG),
        name="b.png",
        access="public",
        linked_at=_at(datetime.date(2021, 6, 1)),
    )
    fulltext.attach(
        dilnoza,
        records[2],
        io.BytesIO(PNG),
        name="b.png",
        access="public",
        linked_at=_at(datetime.date(2021, 6, 1)),
    )
    other = actions.create_record(None, world.dostlik, book("Boshqa"))
    fulltext.attach(
        None,
        other,
        io.BytesIO(pdf_bytes()),
        name="c.pdf",
        access="public",
        linked_at=_at(datetime.date(2021, 3, 2)),
    )
    report = build_report(plan, Period.parse(2021, "year"))
    assert report.line("13").cumulative == 3
    assert build_report(plan, Period.parse(2021, "m03")).line("13").actual == 2
    metric = get("catalog.fulltext_linked")
    assert metric is not None and metric.records is not None
    rows = metric.records([world.arnasoy.pk], datetime.date(2021, 1, 1), datetime.date(2021, 12, 31), {}, 10)
    assert [row.date for row in rows] == [
        datetime.date(2021, 5, 1),
        datetime.date(2021, 3, 20),
        datetime.date(2021, 3, 1),
    ]
    assert rows[0].url == reverse("catalog:detail", args=[records[3].pk])
