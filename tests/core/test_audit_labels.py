"""Every action the code records reads as words in the audit log, not as its code."""

import re
from pathlib import Path

import kutubxona
from kutubxona.core.audit_labels import label
from kutubxona.surveys.models import ResponseSource

SOURCE = Path(kutubxona.__file__).parent
# `audit.record(actor, "app.thing.change", ...)`: the action as a literal in the call.
LITERAL = re.compile(r'audit\.record\(\s*[\w.]+(?:\([^)]*\))?,\s*"([a-z_.]+)"', re.S)
# Actions the code builds from a value (f-strings), spelled out.
BUILT = [
    "admin.add",
    "admin.change",
    "event.cancel",
    "event.replan",
    *(f"services.order.{change}" for change in ("start", "attach", "deliver", "cancel")),
    *(f"survey.answer_{source}" for source in ResponseSource.values),
]


def recorded_actions() -> set[str]:
    return {m.group(1) for path in SOURCE.rglob("*.py") for m in LITERAL.finditer(path.read_text())}


def test_the_scan_finds_the_actions() -> None:
    actions = recorded_actions()
    assert len(actions) > 100 and "catalog.record.create" in actions


def test_every_recorded_action_has_words() -> None:
    unlabelled = sorted(action for action in recorded_actions() | set(BUILT) if label(action) == action)
    assert unlabelled == [], "add their words to core/audit_labels.py"
