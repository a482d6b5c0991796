"""UDC and BBK browsing: class names, and the tree of notations with record counts.

A notation is read as a path of steps: a digit, a dot or hyphen with the next character
(".5", "-3"), a letter, or a whole auxiliary in brackets or quotes ("(5O'zb)"). UDC 821.512
is 8 › 82 › 821 › 821.5 › 821.51 › 821.512; BBK 84(5O'zb)6 is 8 › 84 › 84(5O'zb) › 84(5O'zb)6.
Counts are computed in the database: the records under a class are grouped by the few
characters that follow it, and only those groups reach Python.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.db.models.functions import Substr
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kutubxona.catalog.models import Record

SCHEMES = {"udc": _("UDC"), "bbk": _("BBK")}
# How far past a class the database looks to find the next step (a bracketed auxiliary such
# as "(2Рос=Рус)" is one step).
LOOKAHEAD = 16
_CLOSING = {"(": ")", "[": "]", '"': '"', "<": ">"}
_JOINERS = ".-=:+/'*"

UDC_NAMES: dict[str, Promise] = {
    "0": _(
        "Science and knowledge. Organization. Computer science. Information. Documentation. "
        "Librarianship. Institutions. Publications"
    ),
    "02": _("Librarianship"),
    "1": _("Philosophy. Psychology"),
    "2": _("Religion. Theology"),
    "3": _("Social sciences"),
    "32": _("Politics"),
    "33": _("Economics"),
    "34": _("Law. Jurisprudence"),
    "37": _("Education"),
    "4": _("(vacant)"),
    "5": _("Mathematics. Natural sciences"),
    "6": _("Applied sciences. Medicine. Technology"),
    "61": _("Medical sciences"),
    "63": _("Agriculture"),
    "7": _("The arts. Entertainment. Sport"),
    "8": _("Language. Linguistics. Literature"),
    "81": _("Linguistics and languages"),
    "82": _("Literature"),
    "9": _("Geography. Biography. History"),
    "91": _("Geography"),
    "94": _("General history"),
}

# The main divisions of the BBK tables for public libraries (numeric notation).
BBK_NAMES: dict[str, Promise] = {
    "1": _("General scientific and interdisciplinary knowledge"),
    "2": _("Natural sciences"),
    "3": _("Technology. Technical sciences"),
    "4": _("Agriculture and forestry"),
    "5": _("Health care. Medical sciences"),
    "6": _("Social sciences"),
    "60": _("Social sciences in general"),
    "63": _("History. Historical sciences"),
    "65": _("Economics"),
    "66": _("Politics. Political science"),
    "67": _("Law. Legal sciences"),
    "68": _("Military science"),
    "7": _("Culture. Science. Education"),
    "71": _("Culture"),
    "72": _("Science. Science studies"),
    "74": _("Education. Pedagogy"),
    "75": _("Physical culture and sport"),
    "76": _("Mass media. Book publishing"),
    "78": _("Library science. Bibliography"),
    "79": _("Museums. Protection of monuments"),
    "8": _("Humanities. Fiction. Arts"),
    "80": _("Philology in general"),
    "81": _("Linguistics"),
    "82": _("Folklore"),
    "83": _("Literary studies"),
    "84": _("Fiction"),
    "85": _("Art. Art studies"),
    "86": _("Religion. Mysticism. Freethinking"),
    "87": _("Philosophy"),
    "88": _("Psychology"),
    "9": _("Literature of universal content"),
}
NAMES = {"udc": UDC_NAMES, "bbk": BBK_NAMES}
# The classes every browse page starts from, even when no record has them yet.
MAIN_CLASSES = {"udc": [str(n) for n in range(10)], "bbk": [str(n) for n in range(1, 10)]}


def steps(notation: str) -> list[str]:
    """The notation's path down the hierarchy, one step at a time (only its first notation)."""
    text = notation.strip().split(" ")[0]
    result: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in _CLOSING:
            end = text.find(_CLOSING[char], i + 1)
            end = len(text) if end < 0 else end + 1
        elif char in _JOINERS and i + 1 < len(text):
            end = i + 2
        else:
            end = i + 1
        result.append(text[i:end])
        i = end
    return result


def next_step(prefix: str, notation: str) -> str | None:
    """The class just below `prefix` that `notation` belongs to; None if it is `prefix` itself."""
    rest = notation[len(prefix) :]
    if not rest or rest[0] == " ":
        return None
    return prefix + steps(rest)[0]


@dataclass
class Node:
    notation: str
    name: str
    count: int


def class_name(scheme: str, notation: str) -> str:
    name = NAMES[scheme].get(notation)
    return str(name) if name is not None else ""


def records_under(scheme: str, prefix: str) -> QuerySet[Record]:
    """The (scoped) records classed under `prefix` (every classified record for "")."""
    if prefix:
        return Record.objects.filter(**{f"{scheme}__startswith": prefix})
    return Record.objects.exclude(**{scheme: ""})


def children(scheme: str, prefix: str) -> tuple[list[Node], int]:
    """The classes one step below `prefix` with their record counts, and how many records are
    classed at `prefix` itself."""
    groups = (
        records_under(scheme, prefix)
        .annotate(head=Substr(scheme, 1, len(prefix) + LOOKAHEAD))
        .values("head")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[str, int] = {}
    here = 0
    for group in groups:
        head: str = group["head"]
        if not head.startswith(prefix):  # SQLite's LIKE ignores the case of letters
            continue
        step = next_step(prefix, head)
        if step is None:
            here += group["n"]
        else:
            counts[step] = counts.get(step, 0) + group["n"]
    if not prefix:
        for notation in MAIN_CLASSES[scheme]:
            counts.setdefault(notation, 0)
    nodes = [Node(notation, class_name(scheme, notation), n) for notation, n in counts.items()]
    nodes.sort(key=lambda node: (not node.notation[:1].isdigit(), node.notation))
    return nodes, here


def breadcrumbs(scheme: str, prefix: str) -> list[Node]:
    """The classes from the top down to `prefix` (counts left at 0: only names are shown)."""
    path = steps(prefix)
    return [
        Node("".join(path[: i + 1]), class_name(scheme, "".join(path[: i + 1])), 0) for i in range(len(path))
    ]
