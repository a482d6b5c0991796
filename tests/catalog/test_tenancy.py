"""A record or copy of another institution is invisible (404), not forbidden."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.shortcuts import get_object_or_404
from django_scopes import ScopeError, scope, scopes_disabled

from kutubxona.catalog import actions
from kutubxona.catalog.models import Copy, Record
from kutubxona.institutions.models import User
from tests.catalog.test_matching import book
from tests.conftest import World


def test_records_and_copies_are_scoped(world: World, dilnoza: User) -> None:
    with scopes_disabled():
        record = actions.create_record(dilnoza, world.arnasoy, book("Kecha va kunduz", author="Cho'lpon"))
        copy = actions.create_copy(dilnoza, record, accession_number="1")
    with scope(institution=world.charlie.visible_institution_ids()):
        with pytest.raises(Http404):
            get_object_or_404(Record, pk=record.pk)
        with pytest.raises(Http404):
            get_object_or_404(Copy, pk=copy.pk)
        assert not Record.objects.exists()
    with scope(institution=world.bob.visible_institution_ids()):
        assert get_object_or_404(Record, pk=record.pk) == record
    with scope(institution=world.maria.visible_institution_ids()):  # the region sees its districts
        assert list(Copy.objects.all()) == [copy]


def test_a_query_outside_any_scope_fails(world: World) -> None:
    with pytest.raises(ScopeError), scope():
        list(Record.objects.all())
