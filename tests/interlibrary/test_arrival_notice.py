"""When a book we borrowed for our reader arrives, the reader is told (e-mail or SMS, in their
language, by the job runner) and the notice is recorded with the others; staff are told when
the reader cannot be reached. A request naming nobody of ours tells nobody."""

from __future__ import annotations

import datetime
from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kutubxona.circulation.models import Notice, NoticeKind, NoticeStatus
from kutubxona.core import jobs
from kutubxona.core.models import AuditEntry
from kutubxona.interlibrary import actions
from kutubxona.interlibrary.models import Direction, Request, Status
from kutubxona.readers import actions as reader_actions
from kutubxona.readers.models import Reader
from tests.circulation.conftest import reader
from tests.conftest import World, login

TODAY = timezone.localdate()


def _borrowed_for(world: World, who: Reader | None, **fields: Any) -> Request:
    values: dict[str, Any] = {
        "direction": Direction.BORROW,
        "partner_name": "Samarqand viloyat AKM",
        "item": "Qodiriy A. O'tkan kunlar",
        "reader": who,
        "reader_name": who.full_name if who else "Aziza",
        "requested_on": TODAY - datetime.timedelta(days=5),
        "due_on": TODAY + datetime.timedelta(days=20),
    }
    return actions.create_request(world.bob, world.arnasoy, **(values | fields))


def _arrives(client: Client, request: Request) -> str:
    url = reverse("interlibrary:status", args=[request.pk])
    response = client.post(url, {"status": Status.RECEIVED, "on": TODAY.isoformat(), "note": ""}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_the_reader_is_told_in_their_language(client: Client, world: World) -> None:
    aziz = reader(world.arnasoy, "Karimov", email="aziz@example.uz", language="uz")
    request = _borrowed_for(world, aziz)
    login(client, world.bob)
    page = _arrives(client, request)
    assert "The reader is told of the arrival (email)" in page
    notice = Notice.objects.get(reader=aziz)
    assert (notice.kind, notice.status) == (NoticeKind.ILL_ARRIVED, NoticeStatus.QUEUED)
    assert AuditEntry.objects.get(action="interlibrary.status").changes["notice"] == "email"
    assert mail.outbox == []
    jobs.run_pending()
    [message] = mail.outbox
    assert message.to == ["aziz@example.uz"]
    assert "O'tkan kunlar" in message.body and "Samarqand viloyat AKM" in message.body
    assert "keldi" in message.body  # Uzbek (Latin), though the desk works in English
    assert Notice.objects.get(reader=aziz).status == NoticeStatus.SENT


def test_staff_are_told_when_the_reader_cannot_be_reached(client: Client, world: World) -> None:
    login(client, world.bob)
    page = _arrives(client, _borrowed_for(world, reader(world.arnasoy, "Yetibbolmas")))
    assert "tell them of the arrival yourself" in page
    typed = _arrives(client, _borrowed_for(world, None))  # a name typed, nobody of ours
    assert "tell them" not in typed and "told of the arrival" not in typed
    assert not Notice.objects.exists()


def test_a_book_we_lend_or_a_sent_one_tells_nobody(world: World) -> None:
    aziz = reader(world.arnasoy, "Karimov", email="aziz@example.uz")
    request = _borrowed_for(world, aziz)
    actions.change_status(world.bob, request, Status.SENT, TODAY)  # on its way: not yet
    ours = actions.create_request(
        world.bob,
        world.arnasoy,
        direction=Direction.LEND,
        partner_name="Zomin AKM",
        item="Navoiy A. Xamsa",
        requested_on=TODAY,
    )
    actions.change_status(world.bob, ours, Status.SENT, TODAY)
    actions.change_status(world.bob, ours, Status.RECEIVED, TODAY)  # they got ours
    assert not Notice.objects.exists()
    actions.change_status(world.bob, request, Status.RECEIVED, TODAY)
    assert Notice.objects.filter(reader=aziz, kind=NoticeKind.ILL_ARRIVED).count() == 1


def test_staff_are_not_asked_to_tell_an_anonymised_reader(client: Client, world: World) -> None:
    old = reader(world.arnasoy, "Eski", email="eski@example.uz")
    request = _borrowed_for(world, old, requested_on=TODAY - datetime.timedelta(days=3))
    Reader.objects.filter(pk=old.pk).update(last_active_on="2015-01-01")
    assert reader_actions.anonymise_inactive(None, world.arnasoy, years=3) == 1
    login(client, world.bob)
    page = _arrives(client, request)
    assert "tell them" not in page and "told of the arrival" not in page
    assert not Notice.objects.exists()
