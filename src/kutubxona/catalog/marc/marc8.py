"""MARC-8 to Unicode, strictly: an escape or a character we cannot map is an error, not a space.

pymarc's converter writes a warning to stderr and puts a space in place of what it cannot
map, which would garble a title silently; we use its code tables but refuse instead, so the
importer can report the record. Plain ASCII (most subfields) takes a fast path.
"""

from __future__ import annotations

import unicodedata

from pymarc.marc8_mapping import CODESETS, ODD_MAP

BASIC_LATIN = 0x42
ANSEL = 0x45
MULTIBYTE = 0x31  # EACC, three bytes a character
ESC = 0x1B
# Escapes: ESC ( , $ designate G0; ESC ) - $ designate G1; ESC s returns to ASCII, and the
# "technique 2" short escapes ESC g/b/p name a G0 set directly.
_G0_INTRODUCERS = frozenset(b"(,$")
_G1_INTRODUCERS = frozenset(b")-$")


class Marc8Error(ValueError):
    """The bytes are not valid MARC-8."""


def _escape(data: bytes, pos: int, g0: int, g1: int) -> tuple[int, int, int]:
    """Apply the escape sequence at `pos`: (new position, G0, G1)."""
    if pos + 1 >= len(data):
        raise Marc8Error(f"escape at the end of the text (byte {pos})")
    intro = data[pos + 1]
    if intro == 0x73:  # ESC s: back to ASCII
        return pos + 2, BASIC_LATIN, g1
    if intro in CODESETS:  # technique 2 (ESC g, ESC b, ESC p)
        return pos + 2, intro, g1
    step = 2
    if intro == 0x24 and pos + 2 < len(data) and data[pos + 2] in b",-":  # ESC $ , 1
        step = 3
    if pos + step >= len(data):
        raise Marc8Error(f"incomplete escape sequence at byte {pos}")
    charset = data[pos + step]
    if charset not in CODESETS:
        raise Marc8Error(f"unknown MARC-8 character set {bytes([charset])!r} in the escape at byte {pos}")
    if intro in _G0_INTRODUCERS and not (intro == 0x24 and step == 3 and data[pos + 2] == 0x2D):
        return pos + step + 1, charset, g1
    if intro in _G1_INTRODUCERS:
        return pos + step + 1, g0, charset
    raise Marc8Error(f"unknown escape sequence at byte {pos}")


def decode(data: bytes) -> str:
    """The Unicode text of MARC-8 `data` (NFC); Marc8Error if it cannot be mapped."""
    if data.isascii() and ESC not in data:
        return data.decode("ascii")
    out: list[str] = []
    combining: list[str] = []
    g0, g1 = BASIC_LATIN, ANSEL
    pos, size = 0, len(data)
    while pos < size:
        byte = data[pos]
        if byte == ESC:
            pos, g0, g1 = _escape(data, pos, g0, g1)
            continue
        if g0 == MULTIBYTE and byte >= 0x21:
            if pos + 3 > size:
                raise Marc8Error(f"incomplete multibyte character at byte {pos}")
            code, charset = int.from_bytes(data[pos : pos + 3], "big"), g0
            pos += 3
        else:
            code, charset = byte, (g1 if byte > 0x80 else g0)
            pos += 1
        if code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0:
            continue  # control characters (and DEL) carry no text
        if code == 0x20:
            char, is_combining = " ", False
        else:
            try:
                codepoint, combining_flag = CODESETS[charset][code]
                char, is_combining = chr(codepoint), bool(combining_flag)
            except KeyError:
                if code not in ODD_MAP:
                    raise Marc8Error(
                        f"character 0x{code:x} has no mapping in MARC-8 set 0x{charset:x} (byte {pos - 1})"
                    ) from None
                char, is_combining = chr(ODD_MAP[code]), False
        if is_combining:
            combining.append(char)  # MARC-8 puts the mark before its letter, Unicode after
        else:
            out.append(char)
            if combining:
                out.extend(combining)
                combining.clear()
    out.extend(combining)
    return unicodedata.normalize("NFC", "".join(out))
