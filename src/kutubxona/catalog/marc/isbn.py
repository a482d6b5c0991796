"""ISBN checking and normalisation: every ISBN is kept as ISBN-13, hyphens dropped."""

from __future__ import annotations

import re

_CANDIDATE = re.compile(r"[0-9][0-9\- ]{8,16}[0-9Xx]")


def _isbn10_valid(digits: str) -> bool:
    total = sum((10 - i) * (10 if char in "Xx" else int(char)) for i, char in enumerate(digits))
    return total % 11 == 0


def _isbn13_check(first12: str) -> str:
    total = sum(int(char) * (1 if i % 2 == 0 else 3) for i, char in enumerate(first12))
    return str((10 - total % 10) % 10)


def normalize(text: str) -> str | None:
    """The ISBN-13 in `text` ("978-5-17-..." or an ISBN-10, with a qualifier after it), or None
    when there is none or its check digit is wrong."""
    match = _CANDIDATE.search(text)
    if match is None:
        return None
    digits = match.group().replace("-", "").replace(" ", "")
    if len(digits) == 10 and digits[:9].isdigit() and _isbn10_valid(digits):
        core = "978" + digits[:9]
        return core + _isbn13_check(core)
    if len(digits) == 13 and digits.isdigit() and digits[:3] in ("978", "979"):
        return digits if _isbn13_check(digits[:12]) == digits[12] else None
    return None
