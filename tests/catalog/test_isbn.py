"""ISBNs: checked, ISBN-10 made ISBN-13, qualifiers and hyphens dropped."""

import pytest

from kutubxona.catalog.marc.isbn import normalize


@pytest.mark.parametrize(
    ("text", "isbn13"),
    [
        ("966-504-025-1", "9789665040255"),
        ("5-17-012345-X (pbk.)", None),  # wrong check digit
        ("0-306-40615-2", "9780306406157"),
        ("978-0-306-40615-7", "9780306406157"),
        ("9780306406157 (hbk.)", "9780306406157"),
        ("978-0-306-40615-8", None),
        ("0-8044-2957-X", "9780804429573"),
        ("no isbn here", None),
        ("", None),
    ],
)
def test_normalize(text: str, isbn13: str | None) -> None:
    assert normalize(text) == isbn13
