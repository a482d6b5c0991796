"""QR boards: e-books with a file open to everyone only, short links that count scans (in total
and per day) and lead to the e-book's page, reordering, the poster PDF, pages and permissions."""

from __future__ import annotations

import datetime
import io

import pytest
import segno
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from kutubxona.catalog.models import AccessLevel, FullText
from kutubxona.elibrary import actions, poster
from kutubxona.elibrary.models import FullTextCollection, Purpose, QrBoard, QrBoardItem, ScanDay, ShortLink
from kutubxona.institutions.models import User
from tests.conftest import World, login
from tests.elibrary.conftest import file_of, make_book


def test_an_ebook_gets_a_short_link_and_a_default_description(
    world: World, iroda: User, board: QrBoard
) -> None:
    record = make_book(world.arnasoy, "O'tkan kunlar", author="Qodiriy, Abdulla", year=1926)
    item = actions.add_board_item(iroda, board, record)
    assert item.description == "O'tkan kunlar, Qodiriy, Abdulla, 1926"
    assert len(item.link.code) == actions.CODE_LENGTH and item.link.record == record
    assert set(item.link.code) <= set(actions.CODE_ALPHABET)
    second = actions.add_board_item(iroda, board, make_book(world.arnasoy, "Navoiy"), "Oybekning romani")
    assert second.description == "Oybekning romani" and second.position == item.position + 1
    assert second.link.code != item.link.code


def test_bad_board_items_are_refused(world: World, iroda: User, board: QrBoard) -> None:
    for access in (AccessLevel.READERS, AccessLevel.PREMISES, AccessLevel.STAFF, None):
        closed = make_book(world.arnasoy, f"Yopiq {access}", access=access)
        with pytest.raises(ValidationError, match="no file open to everyone"):
            actions.add_board_item(iroda, board, closed)
    theirs = make_book(world.dostlik, "Do'stlik kitobi")
    with pytest.raises(ValidationError, match="belongs to another library"):
        actions.add_board_item(iroda, board, theirs)
    record = make_book(world.arnasoy, "Ochiq kitob")
    actions.add_board_item(iroda, board, record)
    with pytest.raises(ValidationError, match="already on this board"):
        actions.add_board_item(iroda, board, record)
    assert QrBoardItem.objects.count() == 1 and ShortLink.objects.count() == 1
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="in the future"):
        actions.update_board(iroda, board, placed_on=tomorrow)
    with pytest.raises(ValidationError):
        actions.create_board(iroda, world.arnasoy, title="", place="")


def test_only_the_digitisation_service_keeps_boards(
    world: World, iroda: User, dilnoza: User, board: QrBoard
) -> None:
    record = make_book(world.arnasoy, "Ochiq kitob")
    for user in (dilnoza, world.alice, world.charlie):
        with pytest.raises(PermissionDenied):
            actions.add_board_item(user, board, record)
    with pytest.raises(PermissionDenied):
        actions.create_board(iroda, world.dostlik, title="X", place="Y")


def test_scans_are_counted_per_link_and_day_and_lead_to_the_ebook(
    world: World, client: Client, board: QrBoard
) -> None:
    record = make_book(world.arnasoy, "Ochiq kitob")
    link = actions.add_board_item(None, board, record).link
    for _ in range(2):
        response = client.get(f"/q/{link.code}")
        assert response.status_code == 302 and response["Location"] == reverse(
            "opac:record", args=[record.pk]
        )
    link.refresh_from_db()
    assert link.scans == 2 and link.last_scanned_at is not None
    assert list(ScanDay.objects.values_list("day", "scans")) == [(timezone.localdate(), 2)]
    yesterday = timezone.now() - datetime.timedelta(days=1)
    actions.count_scan(link, yesterday)
    assert ScanDay.objects.filter(link=link).count() == 2
    link.refresh_from_db()
    assert link.scans == 3
    assert client.head(f"/q/{link.code}").status_code == 302  # a link preview: not a scan
    link.refresh_from_db()
    assert link.scans == 3
    assert client.get("/q/nosuchcode").status_code == 404  # not an error
    assert client.get(f"/q/{link.code.upper()}").status_code == 302  # typed from the poster in capitals
    # The visitor lands on the e-book's page, which links the file.
    page = client.get(f"/q/{link.code}", follow=True)
    assert page.status_code == 200 and "Ochiq kitob" in page.content.decode()


def test_items_are_reordered_and_removed_but_links_keep_working(
    world: World, client: Client, iroda: User, board: QrBoard
) -> None:
    first, second, third = (
        actions.add_board_item(None, board, make_book(world.arnasoy, title))
        for title in ("Bir", "Ikki", "Uch")
    )
    login(client, iroda)
    client.post(reverse("elibrary:board_item_move", args=[third.pk]), {"step": "-1"})
    order = list(QrBoardItem.objects.filter(board=board).values_list("description", flat=True))
    assert [d.split(",")[0] for d in order] == ["Bir", "Uch", "Ikki"]
    client.post(reverse("elibrary:board_item_move", args=[first.pk]), {"step": "-1"})  # already first
    assert QrBoardItem.objects.order_by("position").first() == first
    assert client.post(reverse("elibrary:board_item_remove", args=[second.pk])).status_code == 302
    assert QrBoardItem.objects.filter(removed_on__isnull=True).count() == 2
    assert client.post(reverse("elibrary:board_item_remove", args=[second.pk])).status_code == 404
    assert client.get(f"/q/{second.link.code}").status_code == 302  # the printed code still leads somewhere


def test_the_board_page_adds_an_ebook_and_shows_scans(
    world: World, client: Client, iroda: User, board: QrBoard
) -> None:
    make_book(world.arnasoy, "Zomin afsonalari")
    closed = make_book(world.arnasoy, "Yopiq kitob", access=AccessLevel.READERS)
    login(client, iroda)
    url = reverse("elibrary:board_item_add", args=[board.pk])
    response = client.post(url, {"find": f"#{closed.pk}", "description": "Yopiq"})
    assert response.status_code == 400 and "no file open to everyone" in response.content.decode()
    assert 'value="Yopiq"' in response.content.decode()  # what was typed is kept
    assert client.post(url, {"find": "zomin afsonalari", "description": ""}).status_code == 302
    item = QrBoardItem.objects.get()
    Client().get(f"/q/{item.link.code}")  # a visitor's scan (staff's own are not counted)
    html = client.get(reverse("elibrary:board", args=[board.pk])).content.decode()
    assert f"http://testserver/q/{item.link.code}" in html
    assert '<td class="num" data-testid="scans">1</td>' in html
    assert timezone.localdate().strftime("%Y-%m") in html  # scans per month


@pytest.mark.parametrize(
    ("who", "status"), [("iroda", 200), ("alice", 200), ("maria", 200), ("bob", 403), ("charlie", 404)]
)
def test_who_reads_a_board(
    world: World, client: Client, iroda: User, board: QrBoard, who: str, status: int
) -> None:
    actions.add_board_item(None, board, make_book(world.arnasoy, "Ochiq kitob"))
    login(client, iroda if who == "iroda" else getattr(world, who))
    assert client.get(reverse("elibrary:board", args=[board.pk])).status_code == status
    assert client.get(reverse("elibrary:board_poster", args=[board.pk])).status_code == status
    if who in ("alice", "maria"):  # they read but do not change it
        item = QrBoardItem.objects.get()
        assert client.post(reverse("elibrary:board_item_remove", args=[item.pk])).status_code == 403
        assert client.get(reverse("elibrary:board_create")).status_code == 403
        assert QrBoardItem.objects.count() == 1


def test_the_board_is_created_on_its_page(world: World, client: Client, iroda: User) -> None:
    login(client, iroda)
    response = client.post(reverse("elibrary:board_create"), {"title": "", "place": "Zomin sanatoriyasi"})
    assert response.status_code == 400 and 'value="Zomin sanatoriyasi"' in response.content.decode()
    day = timezone.localdate().isoformat()
    response = client.post(
        reverse("elibrary:board_create"),
        {"title": "Kitoblar", "place": "Zomin sanatoriyasi", "placed_on": day},
    )
    board = QrBoard.objects.get()
    assert response.status_code == 302 and board.institution == world.arnasoy and board.created_by == iroda


@override_settings(KUTUBXONA_PUBLIC_URL="https://akm.uz")
def test_the_poster_has_titles_short_links_and_vector_qr_codes(
    world: World, client: Client, iroda: User, board: QrBoard
) -> None:
    titles = [f"G'afur G'ulom she'rlari {n}" for n in range(8)] + ["Минувшие дни"]
    items = [actions.add_board_item(None, board, make_book(world.arnasoy, title)) for title in titles]
    login(client, iroda)
    response = client.get(reverse("elibrary:board_poster", args=[board.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2  # six e-books a page
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4 portrait
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Elektron kitoblar" in text and "Aydar ko'li mehmonxonasi" in text
    for item in items:
        assert f"https://akm.uz/q/{item.link.code}" in text
    assert "G'afur G'ulom she'rlari 0" in text and "Минувшие дни" in text
    assert not any("/XObject" in str(page.get("/Resources", {})) for page in reader.pages)  # no bitmap


def _drawn_matrix(content: str) -> list[list[int]]:
    """The QR code of a one-item poster read back from the page's filled rectangles."""
    runs = [
        tuple(float(v) for v in line.split()[1:5])
        for line in content.splitlines()
        if line.startswith("n ") and line.endswith("re f*")
    ]
    module = min(h for _x, _y, _w, h in runs) - 0.01
    left, top = min(x for x, *_ in runs), max(y + h for _x, y, _w, h in runs)
    size = round((max(x + w for x, _y, w, _h in runs) - left) / module)
    matrix = [[0] * size for _ in range(size)]
    for x, y, w, h in runs:
        row, start = round((top - y - h) / module), round((x - left) / module)
        for col in range(start, start + round(w / module)):
            matrix[row][col] = 1
    return matrix


@override_settings(KUTUBXONA_PUBLIC_URL="https://akm.uz/")
def test_the_drawn_code_is_the_short_link(world: World, client: Client, iroda: User, board: QrBoard) -> None:
    item = actions.add_board_item(None, board, make_book(world.arnasoy, "Ochiq kitob"))
    login(client, iroda)
    response = client.get(reverse("elibrary:board_poster", args=[board.pk]))
    stream = PdfReader(io.BytesIO(response.content)).pages[0].get_contents()
    assert stream is not None
    content = stream.get_data().decode("latin-1")
    expected = segno.make(f"https://akm.uz/q/{item.link.code}", error="m").matrix
    assert _drawn_matrix(content) == [list(row) for row in expected]


def test_the_admin_lists_boards_links_and_collections(world: World, client: Client, board: QrBoard) -> None:
    link = actions.add_board_item(None, board, make_book(world.arnasoy, "Ochiq kitob")).link
    login(client, world.admin)
    assert link.code in client.get(reverse("admin:elibrary_shortlink_changelist")).content.decode()
    assert client.get(reverse("admin:elibrary_qrboard_changelist")).status_code == 200
    assert client.get(reverse("admin:elibrary_fulltextcollection_changelist")).status_code == 200


def test_an_ebook_whose_file_is_closed_is_flagged_left_off_the_poster_and_warned_about(
    world: World, client: Client, iroda: User, board: QrBoard
) -> None:
    """Access changed on the collection page, in the catalogue, or the file removed: the board
    page flags the e-book, the poster leaves it off, and the page that made the change warns."""
    open_book = make_book(world.arnasoy, "Ochiq kitob")
    closed_book = make_book(world.arnasoy, "Yopilgan kitob")
    removed_book = make_book(world.arnasoy, "Fayli o'chirilgan")
    items = [actions.add_board_item(None, board, record) for record in (open_book, closed_book, removed_book)]
    login(client, iroda)
    page = client.get(reverse("elibrary:board", args=[board.pk])).content.decode()
    assert "closed-warning" not in page and 'data-testid="closed"' not in page
    # In the catalogue: a warning naming the board.
    response = client.post(
        reverse("catalog:fulltext_access", args=[file_of(closed_book).pk]),
        {"access": AccessLevel.READERS},
        follow=True,
    )
    assert "is on the QR board “Elektron kitoblar”" in response.content.decode()
    response = client.post(reverse("catalog:fulltext_remove", args=[file_of(removed_book).pk]), follow=True)
    assert "is on the QR board “Elektron kitoblar”" in response.content.decode()
    assert not FullText.objects.filter(record=removed_book).exists()
    page = client.get(reverse("elibrary:board", args=[board.pk])).content.decode()
    assert "closed-warning" in page and page.count('data-testid="closed"') == 2
    poster = client.get(reverse("elibrary:board_poster", args=[board.pk])).content
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(poster)).pages)
    assert items[0].link.code in text
    assert items[1].link.code not in text and items[2].link.code not in text
    # On the collection page, too; opening the file to everyone again brings it back, no warning.
    collection = FullTextCollection.objects.create(institution=world.arnasoy, name="E", purpose=Purpose.OTHER)
    item = actions.add_item(None, collection, open_book)
    response = client.post(
        reverse("elibrary:item_access", args=[item.pk]), {"access": AccessLevel.STAFF}, follow=True
    )
    assert "“Ochiq kitob” is on the QR board" in response.content.decode()
    response = client.post(
        reverse("elibrary:item_access", args=[item.pk]), {"access": AccessLevel.PUBLIC}, follow=True
    )
    assert "is on the QR board" not in response.content.decode()
    # Another record's change, not on a board: no warning.
    other = make_book(world.arnasoy, "Boshqa")
    response = client.post(
        reverse("catalog:fulltext_access", args=[file_of(other).pk]),
        {"access": AccessLevel.STAFF},
        follow=True,
    )
    assert "is on the QR board" not in response.content.decode()


def test_staff_trying_a_code_are_not_counted_and_the_board_page_does_not_link_it(
    world: World, client: Client, iroda: User, board: QrBoard
) -> None:
    record = make_book(world.arnasoy, "Ochiq kitob")
    link = actions.add_board_item(None, board, record).link
    login(client, iroda)
    page = client.get(reverse("elibrary:board", args=[board.pk])).content.decode()
    assert f"/q/{link.code}" in page and f'href="http://testserver/q/{link.code}"' not in page
    assert f'href="/q/{link.code}"' not in page
    response = client.get(f"/q/{link.code}")
    assert response.status_code == 302 and response["Location"] == reverse("opac:record", args=[record.pk])
    link.refresh_from_db()
    assert link.scans == 0 and not ScanDay.objects.exists()
    Client().get(f"/q/{link.code}")  # a visitor's phone
    link.refresh_from_db()
    assert link.scans == 1


def test_a_long_place_name_wraps_on_the_poster(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every line of the poster's header stays within the margins, as the title does."""
    drawn: list[tuple[float, float]] = []
    original = Canvas.drawCentredString

    def record(self: Canvas, x: float, y: float, text: str, *args: object, **kwargs: object) -> None:
        drawn.append((x - self.stringWidth(text) / 2, x + self.stringWidth(text) / 2))
        original(self, x, y, text, *args, **kwargs)

    monkeypatch.setattr(Canvas, "drawCentredString", record)
    place = (
        "Zomin milliy tabiat bog'i, Sangzor daryosi bo'yidagi «Archazor» dam olish maskani "
        "mehmonxonasi qabulxonasi"
    )
    content = poster.poster_pdf("Telefoningizda o'qing!", place, "Zomin AKM", [])
    assert content.startswith(b"%PDF")
    assert drawn and all(
        left >= poster.MARGIN - 1 and right <= A4[0] - poster.MARGIN + 1 for left, right in drawn
    )
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "Sangzor" in text and "qabulxonasi" in text.replace("\n", " ")
