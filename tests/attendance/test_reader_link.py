"""Desk visits link their reader: the day's page names each reader served (linked to their page,
an anonymised one as such) and counts the visits naming nobody; a deleted reader's visit stays,
unlinked. The migration that made the link keeps the data (ids of missing readers become NULL)
and goes back and forth."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from kutubxona.attendance import actions
from kutubxona.attendance.models import Visit
from kutubxona.readers import actions as reader_actions
from kutubxona.readers.models import Reader
from tests.attendance.conftest import DAY, at, sector, serve
from tests.circulation.conftest import reader
from tests.conftest import World, login

DAY_PAGE = reverse("attendance:day", args=[DAY.year, DAY.month, DAY.day])


def test_the_days_page_names_the_readers_served(client: Client, world: World) -> None:
    aziz, old = reader(world.arnasoy, "Karimov"), reader(world.arnasoy, "Eski")
    serve(world.arnasoy, aziz, at(DAY, 9, 5))
    serve(world.arnasoy, old, at(DAY, 11), code="reading-rooms")
    serve(world.dostlik, reader(world.dostlik, "Boshqa"), at(DAY))  # another library's
    actions.import_history(None, world.arnasoy, [(sector(world.arnasoy, "lending"), DAY, [None, None])], [])
    Reader.objects.filter(pk=old.pk).update(last_active_on="2015-01-01")
    reader_actions.anonymise_inactive(None, world.arnasoy, years=3)
    login(client, world.alice)  # the director reads; she may see readers
    html = client.get(DAY_PAGE).content.decode()
    assert f'href="{reverse("readers:detail", args=[aziz.pk])}"' in html
    assert "Karimov Aziz" in html and "09:05" in html
    assert "anonymised reader" in html and "Eski" not in html
    assert "Boshqa" not in html
    assert "Visits naming no reader" in html and ": 2</li>" in html
    # The diary's day opens it; a day that does not exist is not found.
    month = client.get(reverse("attendance:diary_month", args=[DAY.year, DAY.month])).content.decode()
    assert f'href="{DAY_PAGE}"' in month
    assert client.get("/visits/day/2021/2/30/").status_code == 404


def test_another_librarys_day_is_not_shown(client: Client, world: World) -> None:
    login(client, world.bob)
    assert client.get(f"{DAY_PAGE}?institution={world.dostlik.pk}").status_code == 404


def test_a_deleted_readers_visit_stays_unlinked(world: World) -> None:
    gone = reader(world.arnasoy, "Ketgan")
    serve(world.arnasoy, gone, at(DAY))
    gone.registrations.all().delete()  # a registration protects its reader
    Reader.objects.filter(pk=gone.pk).delete()
    visit = Visit.objects.get()
    assert (visit.reader, visit.day) == (None, DAY)


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_known_readers_and_forgets_missing_ones(world: World) -> None:
    aziz = reader(world.arnasoy, "Karimov")
    lending = sector(world.arnasoy, "lending")
    executor = MigrationExecutor(connection)
    before = [("attendance", "0001_initial"), ("interlibrary", "0001_initial")]
    after = [("attendance", "0002_visit_reader_fk"), ("interlibrary", "0002_request_reader_fk")]
    try:
        executor.migrate(before)
        with connection.cursor() as cursor:
            for reader_id in (aziz.pk, aziz.pk + 1000, None):
                cursor.execute(
                    'INSERT INTO attendance_visit (institution_id, sector_id, day, reader_id, "foreign",'
                    " served_at) VALUES (%s, %s, %s, %s, %s, %s)",
                    [world.arnasoy.pk, lending.pk, DAY, reader_id, False, at(DAY)],
                )
                cursor.execute(
                    "INSERT INTO interlibrary_request (institution_id, direction, status, partner_name,"
                    " item, reader_id, reader_name, reader_card, requested_on, note, created_at)"
                    " VALUES (%s, 'borrow', 'requested', 'X', 'Y', %s, 'Aziz', '', %s, '', %s)",
                    [world.arnasoy.pk, reader_id, DAY, at(DAY)],
                )
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        executor = MigrationExecutor(connection)
        executor.migrate(before)  # and back: the column is a number again
        executor = MigrationExecutor(connection)
        executor.migrate(after)
    finally:
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    with connection.cursor() as cursor:
        for table in ("attendance_visit", "interlibrary_request"):
            cursor.execute(f"SELECT reader_id FROM {table} ORDER BY id")
            assert [row[0] for row in cursor.fetchall()] == [aziz.pk, None, None]
    assert Visit.objects.filter(reader=aziz).count() == 1
