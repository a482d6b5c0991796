"""What one scan at the desk does: a reader's card selects the reader; a copy on loan is taken
back (whoever has it); any other copy is lent to the selected reader. Every outcome has a
message for the desk; a refusal changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kutubxona.catalog.models import Copy, CopyStatus
from kutubxona.circulation import actions
from kutubxona.circulation.models import LoanKind
from kutubxona.institutions.models import Institution, User
from kutubxona.readers.models import Reader


@dataclass
class Outcome:
    ok: bool
    message: str
    reader: Reader | None


def find_reader(institution: Institution, pk: object) -> Reader | None:
    if not str(pk or "").isdigit():
        return None
    return (
        Reader.objects.select_related("institution", "organisation")
        .filter(institution=institution, pk=int(str(pk)), anonymised_on__isnull=True)
        .first()
    )


def find_copy(institution: Institution, code: str) -> Copy | None:
    copies = Copy.objects.select_related("record", "institution", "sector").filter(institution=institution)
    return copies.filter(barcode=code).first() or copies.filter(accession_number=code).first()


def scan(
    actor: User, institution: Institution, code: str, reader: Reader | None, kind: str = LoanKind.HOME
) -> Outcome:
    code = code.strip()
    if not code:
        return Outcome(False, _("Scan a reader's card or a copy's barcode."), reader)
    found = (
        Reader.objects.select_related("institution", "organisation")
        .filter(institution=institution, card=code)
        .first()
    )
    if found is not None:
        if found.anonymised_on:
            return Outcome(False, _("Card %(card)s is no longer valid.") % {"card": code}, reader)
        return Outcome(True, _("Reader: %(reader)s.") % {"reader": found}, found)
    copy = find_copy(institution, code)
    if copy is None:
        return Outcome(
            False,
            _("Unknown barcode %(code)s: neither a reader's card nor a copy of this library.")
            % {"code": code},
            reader,
        )
    title = copy.record.title
    try:
        if copy.status == CopyStatus.ON_LOAN:
            loan, hold = actions.take_back(actor, copy)
            message = _("Taken back: %(title)s (from %(reader)s).") % {"title": title, "reader": loan.reader}
            if hold is not None:
                message += " " + _("Put it aside: it is held for %(reader)s.") % {"reader": hold.reader}
            return Outcome(True, message, reader)
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
    )
