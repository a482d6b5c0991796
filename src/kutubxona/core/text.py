"""Uzbek text normalisation: apostrophes, Latin <-> Cyrillic, search keys and sort keys.

This is the one place where Uzbek text is normalised, so that "Навоий" finds
"Navoiy" and "O‘tkan kunlar" finds "Ўткан кунлар", "Ўтган кунлар" and
"O'tkan kunlar". Standard library only.

Decisions (each is tested in tests/core/test_text.py):

* Apostrophes. oʻ, gʻ and the tutuq belgisi ʼ are typed with many characters
  (' ` ‘ ’ ʻ ʼ ′ ´ ...). They all become ASCII ' when they are part of a word;
  quotation marks are left alone. See ``normalize_apostrophes``.
* ц. ``to_latin`` follows the official 1995 rule: ``s`` at the start of a word
  and after a consonant (цирк -> sirk, концерт -> konsert), ``ts`` after a vowel
  (милиция -> militsiya). ``to_cyrillic`` writes ц only for the loan suffixes
  vowel + ts + iy/io (militsiya, natsional); everywhere else ts is т + с,
  because Uzbek verbs join t and s all the time (ketsa, aytsin, o'tsa). So
  sirk -> сирк: the official rule cannot be reversed.
* ь is dropped (мебель -> mebel, Ольга -> Olga), as in the official spelling.
* ъ is the tutuq ' (маънавий -> ma'naviy), except before е/ё/ю/я, where the y of
  the Latin letter already separates (объект -> obyekt), and after ў, where the
  official spelling omits it (мўъжиза -> mo'jiza). A Latin consonant + ye gives
  ъе, so obyekt -> объект round-trips.
* A tutuq between s and h only keeps them apart (Is'hoq <-> Исҳоқ, not Исъҳоқ).
* ng is n + g in both scripts and in the sort order.
* ``fold`` (search key) drops the distinction between o/oʻ, g/gʻ and the tutuq,
  because readers type "Otkan kunlar" and "Gulom" without apostrophes. It also
  folds the participle -tgan into its older spelling -tkan, so the title of
  Qodiriy's "Ўткан кунлар" is found as "Ўтган кунлар"; that is a spelling
  variant, not a transliteration, so ``to_latin`` keeps them apart.
* ``loose_fold`` (the search index's key) is ``fold`` that also reads the Russian-keyboard
  spelling of Uzbek, which has no қ, ғ, ҳ: "Самарканд" is typed for "Самарқанд" and
  "Хамза" for "Ҳамза". So q folds to k and a lone h (not the h of sh, ch) to x:
  "Samarqand", "Самарқанд" and "Самарканд" all give "samarkand". It is a separate
  function because ``fold`` is also the duplicate-matching key, where merging q with k
  and h with x would call different books the same.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Final

__all__ = [
    "fold",
    "is_cyrillic",
    "loose_fold",
    "loose_tokens",
    "normalize_apostrophes",
    "search_tokens",
    "sort_key",
    "to_cyrillic",
    "to_latin",
]

# Everything people type for the ʻ of oʻ/gʻ and for the tutuq belgisi ʼ:
# ASCII ' and `, ‘ ’ ‛, ʻ ʼ ʽ ʹ, prime ′, acute ´ and the fullwidth ＇.
_APOSTROPHES: Final = frozenset("'`\u2018\u2019\u201b\u02bb\u02bc\u02bd\u02b9\u2032\u00b4\uff07")
# Stands for an ASCII ' that is a quotation mark while we work, so that the
# transliteration cannot read the closing quote of 'Buxoro' as the ʻ of oʻ.
# A Unicode noncharacter: reserved for exactly this kind of internal use.
_QUOTE: Final = "\ufdd0"

_Rule = Callable[[str, str], str]  # (previous unit, next unit), both lower case -> output


# --- apostrophes ------------------------------------------------------------


def _is_letter(char: str) -> bool:
    # ʻ and ʼ are Unicode letters (Lm); here they are apostrophes, not letters.
    return char.isalpha() and char not in _APOSTROPHES


def _is_word_apostrophe(before: str, after: str, quote_open: bool) -> bool:
    """Whether an apostrophe between ``before`` and ``after`` belongs to the word."""
    if not _is_letter(before):
        return False  # opens a quotation, or stands alone
    if _is_letter(after):
        return True  # oʻt, gʻalaba, maʼnaviy, sanʼat
    # At the end of a word only gʻ/oʻ are letters (togʻ, bogʻ); but after an
    # opening quote it closes the quotation (‘Buxoro’), unless another mark follows (‘Togʻ’).
    return before in "oOgG" and (not quote_open or after in _APOSTROPHES)


def _mark_apostrophes(text: str) -> str:
    """NFC, word apostrophes as ASCII ', quotation marks as typed (ASCII ' as ``_QUOTE``)."""
    text = unicodedata.normalize("NFC", text)
    if _APOSTROPHES.isdisjoint(text):
        return text
    out = list(text)
    quote_open = False
    for i, char in enumerate(text):
        if char not in _APOSTROPHES:
            continue
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if _is_word_apostrophe(before, after, quote_open):
            out[i] = "'"
            continue
        out[i] = _QUOTE if char == "'" else char
        quote_open = not _is_letter(before) and _is_letter(after)
    return "".join(out)


def normalize_apostrophes(text: str) -> str:
    """NFC-normalise and write oʻ, gʻ and the tutuq belgisi with the ASCII apostrophe.

    An apostrophe-like character (' ` ‘ ’ ʻ ʼ ′ ´ ...) is part of the word, and
    becomes ', when it stands between two letters (O‘zbekiston, ma’naviy,
    san`at) or directly after o/g at the end of a word (tog‘, bog‘). Any other
    one is a quotation mark and is kept as typed: at the start of a word it opens
    a quotation, and at the end of a word it closes one, also after o/g when a
    quotation is open (‘Buxoro’ stays ‘Buxoro’, ‘Tog‘’ becomes ‘Tog'’).
    """
    return _mark_apostrophes(text).replace(_QUOTE, "'")


# --- shared transliteration machinery ---------------------------------------


def _capitalize(text: str) -> str:
    for i, char in enumerate(text):
        if char.isalpha():
            return text[:i] + char.upper() + text[i + 1 :]
    return text


def _is_shouting(units: Sequence[str], i: int) -> bool:
    """Whether ``units[i]`` is inside an all-caps word (SHAHAR, ТОШ), judged by its neighbours."""
    after = units[i + 1][:1] if i + 1 < len(units) else ""
    if after.isalpha():
        return after.isupper()
    before = units[i - 1][-1:] if i else ""
    return before.isupper()


def _apply_case(units: Sequence[str], i: int, target: str) -> str:
    """Give ``target`` the case of ``units[i]``: Ш -> Sh in Шаҳар but SH in ШАҲАР."""
    source = units[i][:1]
    if source.islower():
        return target
    if source.isupper():
        return target.upper() if _is_shouting(units, i) else _capitalize(target)
    # The caseless tutuq follows its word: MA'NAVIY -> МАЪНАВИЙ.
    return target.upper() if _is_shouting(units, i) else target


def _transliterate(units: Sequence[str], table: Mapping[str, str], rules: Mapping[str, _Rule]) -> str:
    """Map each unit through ``rules`` (context-dependent) or ``table``; keep the rest as is."""
    out = []
    for i, unit in enumerate(units):
        key = unit.lower()
        rule = rules.get(key)
        if rule is None and key not in table:
            out.append(unit)
            continue
        prev = units[i - 1].lower() if i else ""
        nxt = units[i + 1].lower() if i + 1 < len(units) else ""
        target = rule(prev, nxt) if rule is not None else table[key]
        out.append(_apply_case(units, i, target))
    return "".join(out)


# --- Latin -> Cyrillic --------------------------------------------------------

_LATIN_TO_CYRILLIC: Final[Mapping[str, str]] = {
    "a": "а", "b": "б", "c": "ц", "d": "д", "f": "ф", "g": "г", "h": "ҳ",
    "i": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о",
    "p": "п", "q": "қ", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в",
    "w": "в", "x": "х", "y": "й", "z": "з",
    "sh": "ш", "ch": "ч", "o'": "ў", "g'": "ғ",
    "yo": "ё", "yu": "ю", "ya": "я", "ts": "ц",
}  # fmt: skip
_LATIN_VOWELS: Final = frozenset({"a", "e", "i", "o", "u", "o'", "yo", "yu", "ya", "ye"})

# One match per Cyrillic letter, longest first. "yo" before the ʻ of oʻ is y + oʻ
# (yo'l -> йўл). ts is ц only in the loan suffixes -tsiya/-tsion after a vowel.
_LATIN_UNIT: Final = re.compile(
    r"(?<=[aeiou])ts(?=i[yo])|[og]'|sh|ch|yo(?!')|y[aeu]|[a-z]|.", re.IGNORECASE | re.DOTALL
)
# Left in Latin script: web and e-mail addresses.
# Kept as they are: web and e-mail addresses, and Roman numerals (sections, quarters and
# centuries: "III chorak", "XXI asr"; I to LXXXIX), so "IV bo'lim" does not become "ИВ бўлим".
_ADDRESS: Final = re.compile(
    r"(?i:(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?<![^\W\d_])(?<!')(?=[IVXL]+(?![^\W\d_']))L?X{0,3}(?:I[XV]|V?I{0,3})(?![^\W\d_'])"
)


def _starts_word(prev: str) -> bool:
    return not _is_letter(prev[:1]) and prev != "'"


def _latin_e(prev: str, nxt: str) -> str:
    # е reads "ye" at the start of a word and after a vowel, so "e" is э there.
    return "э" if _starts_word(prev) or prev in _LATIN_VOWELS else "е"


def _latin_ye(prev: str, nxt: str) -> str:
    # After a consonant е reads "e", so "ye" needs the separator: obyekt -> объект.
    consonant = prev in _LATIN_TO_CYRILLIC and prev not in _LATIN_VOWELS
    return "ъе" if consonant else "е"


def _latin_apostrophe(prev: str, nxt: str) -> str:
    # In Is'hoq the tutuq only says "not sh"; Cyrillic has ҳ, so nothing is written.
    return "" if (prev, nxt) == ("s", "h") else "ъ"


_LATIN_RULES: Final[Mapping[str, _Rule]] = {"e": _latin_e, "ye": _latin_ye, "'": _latin_apostrophe}


def _latin_words_to_cyrillic(text: str) -> str:
    return _transliterate(_LATIN_UNIT.findall(text), _LATIN_TO_CYRILLIC, _LATIN_RULES)


def to_cyrillic(text: str) -> str:
    """Transliterate Uzbek Latin to Uzbek Cyrillic, keeping case, digits, punctuation and addresses."""
    marked = _mark_apostrophes(text)
    parts: list[str] = []
    start = 0
    for address in _ADDRESS.finditer(marked):
        parts += [_latin_words_to_cyrillic(marked[start : address.start()]), address.group()]
        start = address.end()
    parts.append(_latin_words_to_cyrillic(marked[start:]))
    return "".join(parts).replace(_QUOTE, "'")


# --- Cyrillic -> Latin --------------------------------------------------------

_CYRILLIC_TO_LATIN: Final[Mapping[str, str]] = {
    # Uzbek
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ё": "yo", "ж": "j",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "x", "ч": "ch", "ш": "sh", "э": "e", "ю": "yu", "я": "ya",
    "ў": "o'", "қ": "q", "ғ": "g'",
    # Russian, so Russian names read sensibly
    "щ": "shch", "ы": "i", "ь": "",
    # Karakalpak, Kazakh and Ukrainian letters, so names from next door are searchable
    "ә": "a", "ө": "o'", "ү": "u", "ұ": "u", "ң": "ng", "һ": "h", "і": "i",
    "ї": "yi", "є": "ye", "ґ": "g",
}  # fmt: skip
_CYRILLIC_VOWELS: Final = frozenset("аеёиоуўыэюяәөүұіїє")


def _cyrillic_e(prev: str, nxt: str) -> str:
    # е reads "ye" at the start of a word, after a vowel and after ъ/ь:
    # Европа -> Yevropa, проект -> proyekt, but кеча -> kecha.
    after_vowel = prev in _CYRILLIC_VOWELS or prev in ("ъ", "ь")
    return "ye" if not prev.isalpha() or after_vowel else "e"


def _cyrillic_ts(prev: str, nxt: str) -> str:
    # Official rule: ts after a vowel (милиция -> militsiya), otherwise s (цирк -> sirk).
    return "ts" if prev in _CYRILLIC_VOWELS else "s"


def _cyrillic_hard_sign(prev: str, nxt: str) -> str:
    # Before е/ё/ю/я the Latin y already separates (объект -> obyekt); after ў the
    # official spelling drops it (мўъжиза -> mo'jiza). Elsewhere it is the tutuq.
    return "" if prev == "ў" or nxt in ("е", "ё", "ю", "я") else "'"


def _cyrillic_h(prev: str, nxt: str) -> str:
    # сҳ must not read as sh: Исҳоқ -> Is'hoq.
    return "'h" if prev == "с" else "h"


_CYRILLIC_RULES: Final[Mapping[str, _Rule]] = {
    "е": _cyrillic_e,
    "ц": _cyrillic_ts,
    "ъ": _cyrillic_hard_sign,
    "ҳ": _cyrillic_h,
}


_ANY_CYRILLIC: Final = re.compile("[\u0400-\u04ff]")


def to_latin(text: str) -> str:
    """Transliterate Uzbek (or Russian) Cyrillic to the 1995 Uzbek Latin alphabet, keeping case."""
    # Only Cyrillic letters (U+0400-U+04FF) are transliterated: text without any, such as most
    # catalogue text, is returned at once rather than walked letter by letter.
    if text.isascii() or not _ANY_CYRILLIC.search(text):
        return text
    return _transliterate(list(text), _CYRILLIC_TO_LATIN, _CYRILLIC_RULES)


# --- search and sort keys -----------------------------------------------------

# Letters of the 2018-2021 draft alphabets and of Turkish-style typing, as the
# official digraphs. Applied after casefold, before diacritics are stripped.
_DRAFT_LETTERS: Final = str.maketrans(
    {"ş": "sh", "ç": "ch", "ğ": "g'", "ǵ": "g'", "ö": "o'", "ó": "o'", "ŏ": "o'", "ı": "i", "ŋ": "ng"}
)
_DROP_APOSTROPHES: Final = str.maketrans(dict.fromkeys([*_APOSTROPHES, _QUOTE]))
# The participle -gan after t is also spelled -kan, as in the title of Qodiriy's
# novel "O‘tkan kunlar" (Ўткан кунлар; today usually Ўтган). Both fold to -tkan.
_PARTICIPLE_AFTER_T: Final = re.compile(r"(?<=t)gan")
_WORD: Final = re.compile(r"[^\W_]+")
# Letters a Russian keyboard lacks, folded to the ones typed instead: қ -> к, ҳ -> х
# (not the h of the digraphs sh and ch). ғ -> г is already g' -> g.
_RUSSIAN_KEYBOARD: Final = re.compile(r"q|(?<![sc])h")
_RUSSIAN_LETTER: Final = {"q": "k", "h": "x"}


class _WithoutMarks(dict[int, int | None]):
    """A `str.translate` table deleting non-spacing marks (Mn), filled in as code points appear:
    the per-letter work then runs in C rather than in a Python loop."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.category(chr(code)) == "Mn" else code
        self[code] = value
        return value


_WITHOUT_MARKS: Final = _WithoutMarks()


def _strip_marks(text: str) -> str:
    if text.isascii():  # ASCII has no marks to strip
        return text
    kept = unicodedata.normalize("NFKD", text).translate(_WITHOUT_MARKS)
    return unicodedata.normalize("NFC", kept)


def _latin_key(text: str) -> str:
    """Casefolded official Latin with o', g' and the tutuq still written: the base of both keys."""
    # Apostrophes first: NFKC would turn the acute ´ into a space and a combining mark.
    text = unicodedata.normalize("NFKC", _mark_apostrophes(text))
    return _strip_marks(to_latin(text).casefold().translate(_DRAFT_LETTERS))


def fold(text: str) -> str:
    """The search/comparison key: script-, case-, apostrophe- and diacritic-blind.

    NFKC, apostrophes normalised, Cyrillic transliterated to Latin, casefolded,
    draft-alphabet letters spelled officially (ş -> sh, ç -> ch, ğ/ǵ -> g, ö/ó -> o),
    other diacritics stripped (é -> e), o' -> o, g' -> g, the tutuq and quotation
    apostrophes dropped, -tgan -> -tkan, whitespace collapsed. "O‘tkan kunlar",
    "Ўткан кунлар", "Ўтган кунлар" and "otkan kunlar" all give "otkan kunlar".
    """
    folded = _latin_key(text).translate(_DROP_APOSTROPHES)
    folded = _PARTICIPLE_AFTER_T.sub("kan", folded)
    return " ".join(folded.split())


def _russian_keyboard(found: re.Match[str]) -> str:
    return _RUSSIAN_LETTER[found.group()]


def loose_fold(text: str) -> str:
    """``fold`` that also equals the Russian-keyboard spelling of Uzbek: q -> k, a lone h -> x.

    "Samarqand", "Самарқанд" and "Самарканд" all give "samarkand"; "Ҳамза" and "Хамза" give
    "xamza"; the sh of "Пушкин" stays. The search index and its queries use this key.
    """
    return _RUSSIAN_KEYBOARD.sub(_russian_keyboard, fold(text))


def loose_tokens(text: str) -> list[str]:
    """The words of ``loose_fold(text)``, punctuation dropped: what the search index holds."""
    return _WORD.findall(loose_fold(text))


def search_tokens(text: str) -> list[str]:
    """The folded words (runs of letters and digits) of ``text``, punctuation dropped."""
    return _WORD.findall(fold(text))


# ASCII already orders a-z as the Uzbek alphabet does (A B D E ... X Y Z; the
# foreign c and w keep their Latin places). The letters that Uzbek puts after Z,
# Oʻ Gʻ Sh Ch ʼ, take the five code points after "z": { | } ~ DEL. Ng is n + g.
_SORT_LETTERS: Final[Mapping[str, str]] = {"o'": "{", "g'": "|", "sh": "}", "ch": "~", "'": "\x7f"}
_SORT_UNIT: Final = re.compile(r"[og]'|sh|ch|'|[^\W_]|.", re.DOTALL)


def _sort_unit(unit: str) -> str:
    if unit in _SORT_LETTERS:
        return _SORT_LETTERS[unit]
    # Punctuation and spaces all separate words, so names file word by word.
    return unit if unit.isalnum() else " "


def sort_key(text: str) -> str:
    """A key that sorts in Uzbek alphabetical order, whatever the script or case.

    Order: digits, then A B D E F G H I J K L M N O P Q R S T U V X Y Z Oʻ Gʻ Sh
    Ch ʼ; Ng counts as N + G. Words are compared one by one ("Abdulla Qodiriy"
    before "Abdullayev"). Cyrillic gives the key of its Latin transliteration.
    """
    key = "".join(_sort_unit(unit) for unit in _SORT_UNIT.findall(_latin_key(text)))
    return " ".join(key.split())


def is_cyrillic(text: str) -> bool:
    """Whether more than half of the letters in ``text`` are Cyrillic."""
    letters = [char for char in text if _is_letter(char)]
    cyrillic = sum("CYRILLIC" in unicodedata.name(char, "") for char in letters)
    return cyrillic * 2 > len(letters)
