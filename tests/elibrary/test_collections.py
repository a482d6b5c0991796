"""Digital collections: items added once, only records of the library, the item's access is its
file's; pages for who may and who may not; bad input keeps what was typed."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kutubxona.catalog import fulltext
from kutubxona.catalog.models import AccessLevel, FullText
from kutubxona.core.models import AuditEntry
from kutubxona.elibrary import actions
from kutubxona.elibrary.models import CollectionItem, FullTextCollection, Purpose
from kutubxona.institutions.models import User
from tests.catalog.test_fulltext import pdf_bytes
from tests.conftest import World, login
from tests.elibrary.conftest import file_of, make_book


def test_an_item_shows_the_records_file_and_is_audited(
    world: World, iroda: User, collection: FullTextCollection
) -> None:
    record = make_book(world.arnasoy, "Arnasoy tarixi", access=AccessLevel.READERS)
    item = actions.add_item(iroda, collection, record)
    assert item.fulltext == file_of(record) and item.institution == world.arnasoy
    assert item.sort_title and item.added_by == iroda
    entry = AuditEntry.objects.get(action="elibrary.item.add")
    assert entry.changes == {"record": record.pk, "fulltext": item.fulltext.pk}
    plain = make_book(world.arnasoy, "Zarafshon gazetasidagi maqola", access=None)
    assert actions.add_item(iroda, collection, plain).fulltext is None  # a catalogue record


def test_the_items_access_is_its_files(world: World, iroda: User, collection: FullTextCollection) -> None:
    record = make_book(world.arnasoy, "Arnasoy tarixi", access=AccessLevel.STAFF)
    item = actions.add_item(iroda, collection, record, access=AccessLevel.PREMISES)
    assert file_of(record).access == AccessLevel.PREMISES
    actions.set_item_access(iroda, item, AccessLevel.PUBLIC)
    assert file_of(record).access == AccessLevel.PUBLIC
    assert AuditEntry.objects.filter(action="catalog.fulltext.access").count() == 2
    plain = actions.add_item(iroda, collection, make_book(world.arnasoy, "Maqola", access=None))
    with pytest.raises(ValidationError, match="no file"):
        actions.set_item_access(iroda, plain, AccessLevel.STAFF)


def test_bad_items_are_refused(world: World, iroda: User, collection: FullTextCollection) -> None:
    record = make_book(world.arnasoy, "Arnasoy tarixi")
    actions.add_item(iroda, collection, record)
    with pytest.raises(ValidationError, match="already in this collection"):
        actions.add_item(iroda, collection, record)
    theirs = make_book(world.dostlik, "Do'stlik tarixi")
    with pytest.raises(ValidationError, match="belongs to another library"):
        actions.add_item(iroda, collection, theirs)
    with pytest.raises(ValidationError, match="one of this record's files"):
        actions.add_item(iroda, collection, make_book(world.arnasoy, "Boshqa"), fulltext=file_of(record))
    assert CollectionItem.objects.count() == 1


def test_who_may_write(world: World, iroda: User, dilnoza: User, collection: FullTextCollection) -> None:
    with pytest.raises(PermissionDenied):
        actions.create_collection(dilnoza, world.arnasoy, name="X", purpose=Purpose.RARE)
    with pytest.raises(PermissionDenied):
        actions.create_collection(iroda, world.dostlik, name="X", purpose=Purpose.RARE)
    with pytest.raises(PermissionDenied):
        actions.add_item(world.alice, collection, make_book(world.arnasoy, "A"))  # the director reads
    item = actions.add_item(dilnoza, collection, make_book(world.arnasoy, "B"))  # a cataloguer adds
    actions.remove_item(dilnoza, item)
    assert not CollectionItem.objects.filter(removed_on__isnull=True).exists()
    with pytest.raises(PermissionDenied):
        actions.update_collection(dilnoza, collection, name="Y")  # but keeps no collection


@pytest.mark.parametrize(
    ("who", "status"), [("iroda", 200), ("dilnoza", 200), ("alice", 200), ("maria", 200), ("bob", 403)]
)
def test_who_reads_the_pages(
    world: World,
    client: Client,
    iroda: User,
    dilnoza: User,
    collection: FullTextCollection,
    who: str,
    status: int,
) -> None:
    user = {"iroda": iroda, "dilnoza": dilnoza}.get(who) or getattr(world, who)
    login(client, user)
    assert client.get(reverse("elibrary:list")).status_code == status
    assert client.get(reverse("elibrary:collection", args=[collection.pk])).status_code == status


def test_another_librarys_collection_is_not_found(
    world: World, client: Client, collection: FullTextCollection
) -> None:
    login(client, world.charlie)
    assert client.get(reverse("elibrary:collection", args=[collection.pk])).status_code == 404
    assert client.post(reverse("elibrary:item_add", args=[collection.pk]), {"find": "x"}).status_code == 404
    assert b"o'lkashunosligi" not in client.get(reverse("elibrary:list")).content.replace(b"&#x27;", b"'")


def test_only_the_digitisation_service_creates_and_edits(
    world: World, client: Client, dilnoza: User, iroda: User, collection: FullTextCollection
) -> None:
    login(client, dilnoza)
    assert client.get(reverse("elibrary:create")).status_code == 403
    assert client.get(reverse("elibrary:edit", args=[collection.pk])).status_code == 403
    login(client, iroda)
    response = client.post(
        reverse("elibrary:create"),
        {"name": "Noyob kitoblar", "description": "", "purpose": Purpose.RARE, "is_public": "on"},
    )
    created = FullTextCollection.objects.get(name="Noyob kitoblar")
    assert response.status_code == 302 and created.institution == world.arnasoy
    response = client.post(reverse("elibrary:edit", args=[created.pk]), {"name": "", "purpose": Purpose.RARE})
    assert response.status_code == 400  # a name is needed; nothing changed
    FullTextCollection.objects.get(name="Noyob kitoblar")


def test_the_page_adds_an_item_by_isbn_title_or_id_with_a_new_file(
    world: World, client: Client, dilnoza: User, collection: FullTextCollection
) -> None:
    login(client, dilnoza)
    url = reverse("elibrary:item_add", args=[collection.pk])
    record = make_book(world.arnasoy, "Mirzacho'l qissasi", access=None)
    upload = SimpleUploadedFile("qissa.pdf", pdf_bytes("Mirzacho'l"), content_type="application/pdf")
    response = client.post(url, {"find": "mirzachol qissasi", "file": upload, "access": AccessLevel.PUBLIC})
    assert response.status_code == 302, response.content.decode()[:3000]
    item = CollectionItem.objects.get(record=record)
    assert item.fulltext is not None and item.fulltext.access == AccessLevel.PUBLIC
    # The collection's page lists it with its access level.
    page = client.get(reverse("elibrary:collection", args=[collection.pk])).content.decode()
    assert "Mirzacho" in page and "qissa.pdf" in page
    # Remove it, and change the file's access.
    client.post(reverse("elibrary:item_access", args=[item.pk]), {"access": AccessLevel.READERS})
    assert FullText.objects.get(pk=item.fulltext.pk).access == AccessLevel.READERS
    assert client.post(reverse("elibrary:item_remove", args=[item.pk])).status_code == 302
    assert not CollectionItem.objects.filter(removed_on__isnull=True).exists()


def test_bad_input_on_the_page_is_explained_and_kept(
    world: World, client: Client, dilnoza: User, collection: FullTextCollection
) -> None:
    login(client, dilnoza)
    url = reverse("elibrary:item_add", args=[collection.pk])
    record = make_book(world.arnasoy, "Arnasoy tarixi")
    actions.add_item(None, collection, record)
    response = client.post(url, {"find": f"#{record.pk}"})
    assert response.status_code == 400 and "is already in this collection" in response.content.decode()
    assert f'value="#{record.pk}"' in response.content.decode()
    theirs = make_book(world.dostlik, "Do'stlik tarixi")
    response = client.post(url, {"find": f"#{theirs.pk}"})
    assert response.status_code == 400 and "belongs to another library" in response.content.decode()
    response = client.post(url, {"find": "yo'q kitob"})
    assert response.status_code == 400 and "No record of this library matches" in response.content.decode()
    not_a_pdf = SimpleUploadedFile("kitob.pdf", b"just text", content_type="application/pdf")
    other = make_book(world.arnasoy, "Zomin tog'lari", access=None)
    response = client.post(url, {"find": f"#{other.pk}", "file": not_a_pdf})
    assert response.status_code == 400 and "not a PDF" in response.content.decode()
    assert CollectionItem.objects.count() == 1 and not FullText.objects.filter(record=other).exists()


def test_a_file_too_big_refuses_nothing_else(
    world: World, iroda: User, collection: FullTextCollection, settings: object
) -> None:
    settings.KUTUBXONA_FULLTEXT_MAX_BYTES = 100  # type: ignore[attr-defined]
    record = make_book(world.arnasoy, "Katta kitob", access=None)
    with pytest.raises(ValidationError, match="larger than"):
        actions.add_item(iroda, collection, record, upload=io.BytesIO(pdf_bytes()), upload_name="k.pdf")
    assert not CollectionItem.objects.exists()


def test_the_page_chooses_which_of_the_records_files_is_shown(
    world: World, client: Client, dilnoza: User, collection: FullTextCollection
) -> None:
    record = make_book(world.arnasoy, "Ikki fayl", access=AccessLevel.STAFF)
    second = fulltext.attach(None, record, io.BytesIO(pdf_bytes("2")), name="ikkinchi.pdf", access="public")
    item = actions.add_item(None, collection, record)
    assert item.fulltext != second  # the first PDF by default
    login(client, dilnoza)
    html = client.get(reverse("elibrary:collection", args=[collection.pk])).content.decode()
    assert "ikkinchi.pdf" in html and reverse("elibrary:item_file", args=[item.pk]) in html
    client.post(reverse("elibrary:item_file", args=[item.pk]), {"fulltext": second.pk})
    assert CollectionItem.objects.get(pk=item.pk).fulltext == second
    theirs = make_book(world.arnasoy, "Boshqa")
    client.post(reverse("elibrary:item_file", args=[item.pk]), {"fulltext": file_of(theirs).pk})
    assert CollectionItem.objects.get(pk=item.pk).fulltext == second  # not another record's file
    login(client, world.alice)
    assert (
        client.post(reverse("elibrary:item_file", args=[item.pk]), {"fulltext": second.pk}).status_code == 403
    )


def test_the_boards_tab_shows_only_to_those_who_may_open_it(
    client: Client, dilnoza: User, iroda: User, collection: FullTextCollection
) -> None:
    """A cataloguer keeps no board: the tab would lead to a 403 (seen in the demo walk)."""
    boards = f'href="{reverse("elibrary:boards")}"'
    login(client, dilnoza)
    assert boards not in client.get(reverse("elibrary:list")).content.decode()
    assert client.get(reverse("elibrary:boards")).status_code == 403
    login(client, iroda)
    assert boards in client.get(reverse("elibrary:list")).content.decode()
