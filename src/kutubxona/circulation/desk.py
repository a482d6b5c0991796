"""What one scan at the desk does: a reader's card selects the reader; a copy on loan is taken
back (whoever has it); any other copy is lent to the selected reader. Every outcome has a
message for the desk; a refusal changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kutubxona.catalog.models import Copy, CopyStatus, Record
from kutubxona.circulation import actions, rawrows
from kutubxona.circulation.models import Loan, LoanKind
from kutubxona.circulation.rulecache import library_rules
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
    if not str(pk or "").isdigit() or len(str(pk)) > 18:  # not an id (18 digits fit any database)
        return None
    # Plain SQL, as every scan asks (see `find_copy`); the organisation is read (lazily) only
    # for a reader who borrows for one.
    found = rawrows.fetch(
        Reader,
        "WHERE t.id = %s AND t.institution_id = %s AND t.anonymised_on IS NULL",
        [int(str(pk)), institution.pk],
    )
    reader = found[0][0] if found else None
    if reader is not None:
        reader.institution = institution
    return reader


# What the desk reads of a copy (a record's MARC is large: only the title is read).
COPY_FIELDS = ("id", "institution", "record", "accession_number", "barcode", "sector", "collection", "status")


def find_copy(institution: Institution, code: str) -> Copy | None:
    """The copy by barcode, else by accession number, with its record's title and its sector:
    one plain SQL query, as the ORM spent ten times the query's own time building it, on
    every scan (the sector comes from the library's snapshot, `rulecache`)."""
    found = rawrows.fetch(
        Copy,
        "JOIN catalog_record r ON r.id = t.record_id"
        " WHERE t.institution_id = %s AND (t.barcode = %s OR t.accession_number = %s)"
        " ORDER BY t.accession_number LIMIT 2",
        [institution.pk, code, code],
        fields=COPY_FIELDS,
        extra="r.title",
    )
    found.sort(key=lambda row: row[0].barcode != code)
    if not found:
        return None
    copy, (title,) = found[0]
    copy.institution = institution
    copy.record = Record.from_db(None, ["id", "title"], [copy.record_id, title])
    if copy.sector_id is not None:
        sector = library_rules(institution.pk).sectors.get(copy.sector_id)
        if sector is not None:
            copy.sector = sector
    return copy


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
