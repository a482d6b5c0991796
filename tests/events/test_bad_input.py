"""Bad input gets a clear message; what was typed stays in the form and nothing is half-saved."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from kutubxona.catalog.models import Copy
from kutubxona.core.models import AuditEntry
from kutubxona.events.models import Event, EventKind, EventPhoto, EventStatus, ExhibitionItem
from tests.conftest import World, login
from tests.events.conftest import make_copies, make_event


def png(name: str = "photo.png", size: tuple[int, int] = (800, 600)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


FORM = {"kind": "event", "title": "Kitob bayrami", "date": "2021-04-23", "place_kind": "library"}


def test_end_before_start(client: Client, world: World) -> None:
    login(client, world.bob)
    response = client.post(reverse("events:create"), FORM | {"start_time": "15:00", "end_time": "14:00"})
    assert response.status_code == 200
    assert "cannot end before it starts" in response.content.decode()
    assert (
        'value="Kitob bayrami"' in response.content.decode() and 'value="15:00"' in response.content.decode()
    )
    assert not Event.objects.exists()


def test_outside_the_library_needs_an_address(client: Client, world: World) -> None:
    login(client, world.bob)
    response = client.post(reverse("events:create"), FORM | {"place_kind": "mahalla"})
    assert "outside the library" in response.content.decode()
    assert not Event.objects.exists()


def test_negative_attendees(client: Client, world: World) -> None:
    event = make_event(world)
    login(client, world.bob)
    response = client.post(
        reverse("events:held", args=[event.pk]), {"held-attendees": "-5", "held-report": "Hisobot matni"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "cannot be negative" in page and "Hisobot matni" in page
    event.refresh_from_db()
    assert (event.status, event.attendees, event.report) == (EventStatus.PLANNED, None, "")


def test_groups_larger_than_the_total(client: Client, world: World) -> None:
    event = make_event(world)
    login(client, world.bob)
    response = client.post(
        reverse("events:held", args=[event.pk]), {"held-attendees": "10", "held-children": "30"}
    )
    assert "add up to more people" in response.content.decode()
    event.refresh_from_db()
    assert event.status == EventStatus.PLANNED


def test_marking_held_an_event_dated_in_the_future(client: Client, world: World) -> None:
    event = make_event(world, day=timezone.localdate() + datetime.timedelta(days=3))
    login(client, world.bob)
    response = client.post(reverse("events:held", args=[event.pk]), {"held-attendees": "25"})
    assert response.status_code == 400
    assert "in the future: it cannot have been held yet" in response.content.decode()
    event.refresh_from_db()
    assert (event.status, event.attendees) == (EventStatus.PLANNED, None)
    assert not AuditEntry.objects.filter(action="event.held").exists()


def test_a_held_event_cannot_be_moved_into_the_future(client: Client, world: World) -> None:
    event = make_event(world)
    from kutubxona.events import actions

    actions.mark_held(None, event, attendees=3)
    login(client, world.bob)
    future = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    response = client.post(reverse("events:edit", args=[event.pk]), FORM | {"date": future})
    assert "cannot be dated in the future" in response.content.decode()
    event.refresh_from_db()
    assert event.date == datetime.date(2021, 3, 20)


def test_a_barcode_that_is_not_a_copy_of_this_library(
    client: Client, world: World, copies: list[Copy]
) -> None:
    exhibition = make_event(world, EventKind.EXHIBITION)
    theirs = make_copies(world.dostlik, 1, prefix="D")[0]
    login(client, world.bob)
    url = reverse("events:item_add", args=[exhibition.pk])
    for code in [theirs.barcode, "999999"]:
        response = client.post(url, {"item-code": code})
        assert response.status_code == 400
        assert (
            f"No copy of this library has the barcode or accession number “{code}”"
            in response.content.decode()
        )
    assert client.post(url, {"item-code": copies[0].accession_number}).status_code == 302
    response = client.post(url, {"item-code": copies[0].barcode})
    assert "already in this exhibition" in response.content.decode()
    assert [i.copy for i in ExhibitionItem.objects.all()] == [copies[0]]
    page = client.get(reverse("events:detail", args=[exhibition.pk])).content.decode()
    assert "Xamsa" in page and "Navoiy, Alisher" in page


def test_copies_only_in_exhibitions(client: Client, world: World, event: Event, copies: list[Copy]) -> None:
    login(client, world.bob)
    response = client.post(reverse("events:item_add", args=[event.pk]), {"item-code": copies[0].barcode})
    assert "Only an exhibition shows copies" in response.content.decode()


def test_a_photo_that_is_not_an_image(client: Client, world: World, event: Event) -> None:
    login(client, world.bob)
    url = reverse("events:photo_add", args=[event.pk])
    fake = SimpleUploadedFile("tadbir.jpg", b"%PDF-1.4 not a photo at all", content_type="image/jpeg")
    response = client.post(url, {"photo-image": fake, "photo-caption": "Zal"})
    assert response.status_code == 400
    assert "tadbir.jpg is not a photo" in response.content.decode()
    broken = SimpleUploadedFile("yarim.png", png().read()[:60], content_type="image/png")
    assert "damaged" in client.post(url, {"photo-image": broken}).content.decode()
    assert not EventPhoto.objects.exists()


def test_a_photo_is_kept_with_its_thumbnail(
    client: Client, world: World, event: Event, django_capture_on_commit_callbacks: Any
) -> None:
    login(client, world.bob)
    response = client.post(
        reverse("events:photo_add", args=[event.pk]), {"photo-image": png("zal.png"), "photo-caption": "Zal"}
    )
    assert response.status_code == 302
    photo = EventPhoto.objects.get()
    thumb = client.get(reverse("events:photo", args=[event.pk, photo.pk, "thumb"]))
    assert thumb["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(b"".join(thumb.streaming_content))) as image:  # type: ignore[attr-defined]
        assert max(image.size) <= 320
    full = client.get(reverse("events:photo", args=[event.pk, photo.pk, "full"]))
    assert full["Content-Type"] == "image/png"
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert reverse("events:photo", args=[event.pk, photo.pk, "thumb"]) in page
    image_path = Path(photo.image.path)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:photo_remove", args=[event.pk, photo.pk]))
    assert not EventPhoto.objects.exists()
    assert not image_path.exists()


def test_the_message_comes_in_uzbek(client: Client, world: World) -> None:
    del client.cookies["django_language"]
    event = make_event(world, day=timezone.localdate() + datetime.timedelta(days=3))
    login(client, world.bob)
    response = client.post(reverse("events:held", args=[event.pk]), {"held-attendees": "25"})
    assert "hali o&#x27;tkazilgan bo&#x27;lishi mumkin emas" in response.content.decode()
