"""The daily diary: visits and loans per sector and day, the month's and the year's totals,
the page and the XLSX read back; loans come from whoever appends to `LOAN_COUNTS`."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from kutubxona.attendance import diary
from kutubxona.attendance.models import Headcount
from tests.attendance.conftest import DAY, at, headcount, sector, serve
from tests.conftest import World, login


@pytest.fixture
def loans(world: World) -> Iterator[None]:
    """A stand-in for the lending desk's count: 4 loans at the lending desk on DAY, 2 on
    1 February, and one not tied to a sector on DAY."""
    lending = sector(world.arnasoy, "lending").pk

    def count(ids: list[int], first: datetime.date, last: datetime.date) -> diary.PerDayAndSector:
        found = {(DAY, lending): 4, (datetime.date(2021, 2, 1), lending): 2, (DAY, None): 1}
        return {key: n for key, n in found.items() if first <= key[0] <= last and world.arnasoy.pk in ids}

    diary.LOAN_COUNTS.append(count)
    yield
    diary.LOAN_COUNTS.remove(count)


@pytest.fixture
def visits(world: World) -> None:
    for reader in (1, 2, 3):
        serve(world.arnasoy, reader, at(DAY))
    serve(world.arnasoy, 1, at(DAY), code="reading-rooms")
    serve(world.arnasoy, 9, at(datetime.date(2021, 1, 20)), foreign=True)
    headcount(world, count=20, foreign=2)
    headcount(world, day=datetime.date(2021, 3, 31), count=5)
    serve(world.dostlik, 1, at(DAY))  # another library's


def test_month_and_year_to_date_totals(world: World, visits: None, loans: None) -> None:
    book = diary.build(world.arnasoy, 2021, 3)
    assert len(book.days) == 31
    names = [book.sector_name(s) for s in book.sectors]
    assert names[-1] == "No sector"  # the loan the desk tied to no sector
    day = book.days[DAY.day - 1]
    column = {s.code if s else None: i for i, s in enumerate(book.sectors)}
    assert day.cells[column["lending"]] == (3, 4)
    assert day.cells[column["reading-rooms"]] == (1, 0)
    assert day.cells[column["youth"]] == (20, 0)
    assert day.cells[column[None]] == (0, 1)
    # A sector without a desk lends nothing: its column has no loans cell.
    assert [lends for s, lends in zip(book.sectors, book.lends, strict=True) if s and s.code == "youth"] == [
        False
    ]
    assert day.shown[column["youth"]] == (20, None) and day.shown[column["lending"]] == (3, 4)
    assert (day.visits, day.loans, day.foreign) == (24, 5, 2)
    assert (book.month_total.visits, book.month_total.loans, book.month_total.foreign) == (29, 5, 2)
    assert (book.year_total.visits, book.year_total.loans, book.year_total.foreign) == (30, 7, 3)
    february = diary.build(world.arnasoy, 2021, 2)
    assert (february.month_total.visits, february.month_total.loans) == (0, 2)
    assert (february.year_total.visits, february.year_total.loans) == (1, 2)


def test_no_loans_registered_means_none_counted(world: World, visits: None) -> None:
    book = diary.build(world.arnasoy, 2021, 3)
    assert book.month_total.loans == 0 and None not in book.sectors


def test_the_page_and_the_xlsx(world: World, visits: None, loans: None, client: Client) -> None:
    login(client, world.bob)
    url = reverse("attendance:diary_month", args=[2021, 3])
    page = client.get(url).content.decode()
    assert 'data-day="2021-03-15"' in page and "Since 1 January" in page
    counted = Headcount.objects.get(day=DAY)
    assert reverse("attendance:headcount_edit", args=[counted.pk]) in page  # to correct it
    response = client.get(url, {"format": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="diary-arnasoy-2021-03.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    header, body = rows[0], rows[1:]
    assert header[0] == "Day" and header[-3:] == ["Visits", "Loans", "Of whom foreign"]
    assert header[1] == f"{sector(world.arnasoy, 'lending')}: visits"
    youth = sector(world.arnasoy, "youth")
    assert f"{youth}: visits" in header and f"{youth}: loans" not in header
    fifteenth = next(r for r in body if r[0] is not None and str(r[0]).startswith("2021-03-15"))
    assert fifteenth[1:3] == [3, 4] and fifteenth[-3:] == [24, 5, 2]
    month, year = body[-2], body[-1]
    assert month[0] == "Month total" and month[-3:] == [29, 5, 2]
    assert year[0] == "Since 1 January" and year[-3:] == [30, 7, 3]


def test_access(world: World, visits: None, client: Client) -> None:
    url = reverse("attendance:diary_month", args=[2021, 3])
    assert client.get(url).status_code == 302  # to the login page
    login(client, world.charlie)  # Do'stlik's director sees Do'stlik's diary only
    page = client.get(url).content.decode()
    assert "Do&#x27;stlik" in page or "Do'stlik" in page
    assert client.get(url, {"institution": world.arnasoy.pk}).status_code == 404
    login(client, world.maria)  # the methodist chooses a district of the region
    page = client.get(url, {"institution": world.arnasoy.pk}).content.decode()
    assert 'data-day="2021-03-15"' in page and "New headcount" not in page
    assert client.get(reverse("attendance:diary_month", args=[2021, 13])).status_code == 404
