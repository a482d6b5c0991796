"""Where a search found its words ("Found in the full text, page 2"), reading a file in the
browser (`opac:read`), and files readable only in the library's reading room."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kutubxona.catalog import fulltext
from kutubxona.catalog.models import AccessLevel, FullText, Record
from kutubxona.institutions.models import Institution, parse_networks
from kutubxona.opac import reading
from tests.catalog.test_fulltext import PNG, pdf_bytes
from tests.conftest import World, login
from tests.search.conftest import MakeRecord

pytestmark = pytest.mark.django_db

PAGES = "Birinchi sahifa so‘zlari.\fIkkinchi sahifada Zarafshon vohasi haqida yozilgan.\fUchinchi sahifa."
INSIDE = "10.20.30.40"


@pytest.fixture(autouse=True)
def _english_pages(client: Client) -> None:
    client.cookies["django_language"] = "en"


def link(record: Record, access: str = AccessLevel.PUBLIC, text: str = PAGES, data: bytes = b"") -> FullText:
    return fulltext.attach(
        None, record, io.BytesIO(data or pdf_bytes()), name="kitob.pdf", access=access, text=text, pages=3
    )


def read_url(item: FullText) -> str:
    return reverse("opac:read", args=[item.pk])


def test_a_result_found_in_the_full_text_says_where_with_a_snippet(
    make_record: MakeRecord, client: Client
) -> None:
    record = make_record("Vohaning tarixi")
    item = link(record)
    make_record("Zarafshon daryosi")  # found in its title: no full-text line
    page = client.get(reverse("opac:search"), {"q": "Зарафшон"}).content.decode()
    assert page.count("Found in the full text") == 1
    assert "Found in the full text, page 2" in page
    assert "sahifada <mark>Zarafshon</mark> vohasi" in page
    assert f"{read_url(item)}?q=%D0%97%D0%B0%D1%80%D0%B0%D1%84%D1%88%D0%BE%D0%BD&amp;page=2" in page


def test_a_file_the_visitor_may_not_open_gives_no_snippet(
    world: World, make_record: MakeRecord, client: Client
) -> None:
    link(make_record("Vohaning tarixi"), access=AccessLevel.READERS)
    page = client.get(reverse("opac:search"), {"q": "zarafshon"}).content.decode()
    assert "Found in the full text" in page and "<mark>" not in page and "page 2" not in page
    assert "sahifada" not in page and "vohasi" not in page  # none of the file's words
    staff = login(client, world.bob).get(reverse("opac:staff_search"), {"q": "zarafshon"}).content.decode()
    assert "Found in the full text, page 2" in staff and "<mark>Zarafshon</mark>" in staff


def test_a_staff_only_file_is_not_searched_by_anyone(
    world: World, make_record: MakeRecord, client: Client
) -> None:
    item = link(make_record("Vohaning tarixi"), access=AccessLevel.STAFF)
    for prefix in ("zarafshon", "zar", "ikkinchi"):
        page = client.get(reverse("opac:search"), {"q": prefix}).content.decode()
        assert "Vohaning tarixi" not in page and "Found in the full text" not in page
    staff = login(client, world.bob).get(reverse("opac:staff_search"), {"q": "zarafshon"}).content.decode()
    assert "Vohaning tarixi" not in staff  # staff find a staff-only text on its reading page
    assert "<mark>Zarafshon</mark>" in client.get(read_url(item), {"q": "zarafshon"}).content.decode()


def test_changing_who_may_open_a_file_changes_what_is_searched(
    make_record: MakeRecord, client: Client
) -> None:
    item = link(make_record("Vohaning tarixi"))
    assert "Vohaning tarixi" in client.get(reverse("opac:search"), {"q": "zarafshon"}).content.decode()
    fulltext.set_access(None, item, AccessLevel.STAFF)
    assert "Vohaning tarixi" not in client.get(reverse("opac:search"), {"q": "zarafshon"}).content.decode()
    fulltext.set_access(None, item, AccessLevel.PREMISES)
    assert "Vohaning tarixi" in client.get(reverse("opac:search"), {"q": "zarafshon"}).content.decode()


def test_reading_a_pdf_page_by_page_with_the_words_marked(make_record: MakeRecord, client: Client) -> None:
    record = make_record("Vohaning tarixi", "Karimov, Anvar")
    item = link(record)
    file_url = reverse("catalog:fulltext_file", args=[item.pk])
    page = client.get(read_url(item), {"q": "zarafshon"}).content.decode()
    assert "Vohaning tarixi" in page and "Karimov, Anvar" in page
    assert f'<iframe src="{file_url}#page=2"' in page  # opens at the first page with the words
    assert "Page 2" in page and "<mark>Zarafshon</mark>" in page
    third = client.get(read_url(item), {"q": "zarafshon", "page": "3"}).content.decode()
    assert "Uchinchi sahifa" in third and f"{file_url}#page=3" in third and "<mark>" not in third
    assert "Uchinchi" in client.get(read_url(item), {"page": "99"}).content.decode()  # the last page
    missing = client.get(read_url(item), {"q": "Buxoro"}).content.decode()
    assert "“Buxoro” is not in the text of this file." in missing and "Page 1" in missing
    assert "is not in the text" not in client.get(read_url(item), {"q": "zarafshon"}).content.decode()
    framed = client.get(file_url)
    assert framed["X-Frame-Options"] == "SAMEORIGIN"  # the reading page may frame it
    record_page = client.get(reverse("opac:record", args=[record.pk])).content.decode()
    assert read_url(item) in record_page


def test_an_image_is_shown_as_an_image(make_record: MakeRecord, client: Client) -> None:
    item = link(make_record("Xarita"), text="", data=PNG)
    page = client.get(read_url(item)).content.decode()
    assert f'<img src="{reverse("catalog:fulltext_file", args=[item.pk])}"' in page


def test_reading_is_open_exactly_as_the_file(world: World, make_record: MakeRecord, client: Client) -> None:
    record = make_record("Vohaning tarixi")
    readers, staff = link(record, AccessLevel.READERS), link(record, AccessLevel.STAFF)
    response = client.get(read_url(readers))
    assert response.status_code == 302 and response["Location"].startswith(reverse("reader:login"))
    response = client.get(read_url(staff))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    record_page = client.get(reverse("opac:record", args=[record.pk])).content.decode()
    assert read_url(readers) not in record_page and read_url(staff) not in record_page
    assert login(client, world.bob).get(read_url(staff)).status_code == 200
    assert login(client, world.charlie).get(read_url(staff)).status_code == 404  # another library's
    assert client.get(reverse("opac:read", args=[999999])).status_code == 404


def _networks(institution: Institution, text: str) -> None:
    institution.reading_room_networks = text
    institution.save()


def test_in_the_library_only_opens_inside_its_networks(
    world: World, make_record: MakeRecord, client: Client
) -> None:
    item = link(make_record("Noyob qo‘lyozma"), AccessLevel.PREMISES)
    file_url = reverse("catalog:fulltext_file", args=[item.pk])
    for url in (file_url, read_url(item)):  # no network declared: closed from everywhere
        response = client.get(url, REMOTE_ADDR=INSIDE)
        assert response.status_code == 403
        assert "This file can be read only in the library's reading room" in response.content.decode()
    _networks(world.arnasoy, "# reading room\n10.20.30.0/24\n2001:db8::/32")
    assert client.get(file_url, REMOTE_ADDR=INSIDE).status_code == 200
    assert client.get(read_url(item), REMOTE_ADDR=INSIDE).status_code == 200
    assert client.get(read_url(item), REMOTE_ADDR="2001:db8::7").status_code == 200
    outside = client.get(read_url(item), REMOTE_ADDR="10.20.31.1")
    assert outside.status_code == 403 and "reading room" in outside.content.decode()  # not a login page
    assert client.get(file_url, REMOTE_ADDR="10.20.31.1").status_code == 403
    _networks(world.dostlik, "10.20.31.0/24")  # another library's network opens nothing here
    assert client.get(file_url, REMOTE_ADDR="10.20.31.1").status_code == 403
    assert login(client, world.bob).get(file_url, REMOTE_ADDR="10.20.31.1").status_code == 200  # staff


def test_an_ipv4_visitor_seen_through_ipv6_is_inside_an_ipv4_network(world: World) -> None:
    _networks(world.arnasoy, "10.20.30.0/24\n2001:db8::/32")
    assert fulltext.on_premises(world.arnasoy, "::ffff:10.20.30.40")  # a dual-stack server's view
    assert fulltext.on_premises(world.arnasoy, "::FFFF:0a14:1e28")
    assert not fulltext.on_premises(world.arnasoy, "::ffff:10.20.31.1")
    assert fulltext.on_premises(world.arnasoy, "2001:db8::1") and not fulltext.on_premises(
        world.arnasoy, "::1"
    )


def test_networks_are_checked_when_the_director_saves_them(world: World, client: Client) -> None:
    assert [str(net) for net in parse_networks("192.168.1.7\n 10.0.0.0/8 # Wi-Fi\n\n")] == [
        "192.168.1.7/32",
        "10.0.0.0/8",
    ]
    with pytest.raises(ValidationError):
        parse_networks("192.168.1.0/24\nkutubxona-wifi")
    url = reverse("institutions:edit", args=[world.arnasoy.code])
    login(client, world.alice)
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["reading_room_networks"] = "192.168.1.0/24\n300.1.2.3"
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Line 2, “300.1.2.3”, is not an IP address" in page and "192.168.1.0/24\n300.1.2.3" in page
    world.arnasoy.refresh_from_db()
    assert world.arnasoy.reading_room_networks == ""
    data["reading_room_networks"] = "192.168.1.0/24"
    assert client.post(url, data).status_code == 302
    world.arnasoy.refresh_from_db()
    assert world.arnasoy.reading_room_networks == "192.168.1.0/24"
    login(client, world.bob)  # the lending desk does not edit the library's settings
    assert client.post(url, {**data, "reading_room_networks": "0.0.0.0/0"}).status_code == 403
    world.arnasoy.refresh_from_db()
    assert world.arnasoy.reading_room_networks == "192.168.1.0/24"


def test_snippets_and_marks() -> None:
    words = ["samarkand"]
    assert reading.find("Bir.\fIkki\fЎрта асрларда Самарқанд шаҳри", words) is not None
    found = reading.find("Bir.\fIkki\fЎрта асрларда Самарқанд шаҳри", words)
    assert found is not None and found.page == 3 and "<mark>Самарқанд</mark>" in found.snippet
    long_page = " ".join(f"s{n}" for n in range(40)) + " Samarqand " + " ".join(f"t{n}" for n in range(40))
    cut = reading.snippet(long_page, words)
    assert cut.startswith("… s32") and cut.endswith("t7 …") and "<mark>Samarqand</mark>" in cut
    assert "&lt;b&gt;" in reading.highlight("<b>Samarqand</b>", words)  # the text is escaped
    assert reading.find("x " * 300_000 + "\fsamarqand", words) is None  # beyond the budget


def test_the_reading_page_folds_a_bounded_part_of_the_text_per_request(
    make_record: MakeRecord, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long book: the search for the words stops after READ_BUDGET characters, says which pages
    it looked at, and "next page with the words" goes on from there."""
    pages = [f"Sahifa {number} oddiy matn bilan to‘ldirilgan." for number in range(1, 11)]
    pages[8] += " Zarafshon vohasi."
    item = link(make_record("Vohaning tarixi"), text="\f".join(pages))
    monkeypatch.setattr(reading, "READ_BUDGET", len(pages[0]) * 3)
    first = client.get(read_url(item), {"q": "zarafshon"}).content.decode()
    assert "Page 3" in first and "“zarafshon” is not on pages 1–3." in first and "<mark>" not in first
    assert "?q=zarafshon&amp;from=4" in first
    second = client.get(read_url(item), {"q": "zarafshon", "from": "4"}).content.decode()
    assert "Page 6" in second and "is not on pages 4–6." in second and "from=7" in second
    third = client.get(read_url(item), {"q": "zarafshon", "from": "7"}).content.decode()
    assert "Page 9" in third and "<mark>Zarafshon</mark>" in third and "is not on pages" not in third
    last = client.get(read_url(item), {"q": "zarafshon", "from": "10"}).content.decode()
    assert "Page 9" in last and "is not on pages 10–10." in last and "Next page with the words" not in last


def test_a_result_card_reads_only_the_start_of_a_file(
    make_record: MakeRecord, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    link(make_record("Vohaning tarixi"), text=PAGES + "\f" + "uzun matn " * 500)
    monkeypatch.setattr(reading, "SNIPPET_BUDGET", 100)
    read: list[int] = []
    find = reading.find

    def spy(text: str, *args: Any, **kwargs: Any) -> reading.Found | None:
        read.append(len(text))
        return find(text, *args, **kwargs)

    monkeypatch.setattr(reading, "find", spy)
    page = client.get(reverse("opac:search"), {"q": "zarafshon"}).content.decode()
    assert "Found in the full text, page 2" in page and read == [100]


@pytest.mark.parametrize("page", ["²", "٣", "-1", "2.5", "abc", "0", "99999999999999999999"])
def test_a_page_number_that_is_not_one_opens_a_page_all_the_same(
    make_record: MakeRecord, client: Client, page: str
) -> None:
    item = link(make_record("Vohaning tarixi"))
    response = client.get(read_url(item), {"q": "zarafshon", "page": page, "from": page})
    assert response.status_code == 200 and "Page " in response.content.decode()
