"""What one scan at the desk does: a reader's card selects the reader; a copy on loan is taken
back (whoever has it); any other copy is lent to the selected reader. Every outcome has a
message for the desk; a refusal changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kutubxona.catalog.models import Copy, CopyStatus
from kutubxona.circulation import actions
from kutubxona.circulation.models import Loan, LoanKind
from kutubxona.institutions.models import Institution, User
from kutubxona.readers.models import Reader


@dataclass
class Outcome:
    ok: bool
    message: str
    reader: Reader | None
    lent: Loan | None = None  # the loan made
    returned: Loan | None = None  # the loan closed
    new_reader: bool = False  # a card was scanned: the whole panel changes


def find_reader(institution: Institution, pk: object) -> Reader | None:
    if not str(pk or "").isdigit():
        return None
    reader = (
        Reader.objects.select_related("organisation")
        .filter(institution=institution, pk=int(str(pk)), anonymised_on__isnull=True)
        .first()
    )
    if reader is not None:
        reader.institution = institution
    return reader


# What the desk needs of a copy and its record (a record's MARC is large: not loaded).
COPY_COLUMNS = [
    "institution_id",
    "record_id",
    "accession_number",
    "barcode",
    "sector",
    "collection",
    "status",
    "record__title",
]


def find_copy(institution: Institution, code: str) -> Copy | None:
    """The copy by barcode, else by accession number (one query)."""
    found = list(
        Copy.objects.select_related("record", "sector")
        .only(*COPY_COLUMNS)
        .filter(Q(barcode=code) | Q(accession_number=code), institution=institution)[:2]
    )
    found.sort(key=lambda copy: copy.barcode != code)
    if not found:
        return None
    found[0].institution = institution
    return found[0]


def scan(
    actor: User, institution: Institution, code: str, reader: Reader | None, kind: str = LoanKind.HOME
) -> Outcome:
    code = code.strip()
    if not code:
        return Outcome(False, _("Scan a reader's card or a copy's barcode."), reader)
    # Copies are scanned more often than cards: look for a copy first (a card number never
    # equals a copy's barcode: registration refuses it).
    copy = find_copy(institution, code)
    if copy is None:
        found = (
            Reader.objects.select_related("institution", "organisation")
            .filter(institution=institution, card=code)
            .first()
        )
        if found is None:
            return Outcome(
                False,
                _("Unknown barcode %(code)s: neither a reader's card nor a copy of this library.")
                % {"code": code},
                reader,
            )
        if found.anonymised_on:
            return Outcome(False, _("Card %(card)s is no longer valid.") % {"card": code}, reader)
        return Outcome(True, _("Reader: %(reader)s.") % {"reader": found}, found, new_reader=True)
    title = copy.record.title
    try:
        if copy.status == CopyStatus.ON_LOAN:
            loan, hold = actions.take_back(actor, copy)
            message = _("Taken back: %(title)s (from %(reader)s).") % {"title": title, "reader": loan.reader}
            if hold is not None:
                message += " " + _("Put it aside: it is held for %(reader)s.") % {"reader": hold.reader}
            return Outcome(True, message, reader, returned=loan)
        if reader is None:
            return Outcome(False, _("Scan the reader's card first, then the copies to lend."), None)
        loan = actions.lend(actor, reader, copy, kind=kind)
    except ValidationError as error:
        return Outcome(False, " ".join(error.messages), reader)
    return Outcome(
        True,
        _("Lent: %(title)s, due %(due)s.")
        % {"title": title, "due": date_format(loan.due_on, "SHORT_DATE_FORMAT")},
        reader,
        lent=loan,
    )
