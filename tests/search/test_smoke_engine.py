from __future__ import annotations

import pytest

from tests.search.conftest import MakeRecord, find, titles

pytestmark = pytest.mark.django_db


def test_cross_script(make_record: MakeRecord) -> None:
    make_record("O‘tkan kunlar", "Qodiriy, Abdulla", year=1926)
    make_record("Навоий", "Ойбек", year=1945)
    assert titles("Ўтган кунлар") == ["O‘tkan kunlar"]
    assert titles("navoiy") == ["Навоий"]
    assert titles("Navoy") == ["Навоий"]
    result = find("Navoy")
    assert result.corrected_from == "Navoy"
