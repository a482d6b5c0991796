"""The modules shown on the home page: what the product does, and which role may use which.

A domain app that is not built yet has `url_name=None`; the home page shows it as coming.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kutubxona.institutions.roles import Perm


@dataclass(frozen=True)
class Module:
    code: str
    title: str | Promise
    description: str | Promise
    permission: str
    url_name: str | None = None
    # Holders of these see the tile too: they read the pages the permission's holders keep.
    readers: tuple[str, ...] = ()

    @property
    def url(self) -> str | None:
        return reverse(self.url_name) if self.url_name else None

    def visible_to(self, perms: frozenset[str]) -> bool:
        return self.permission in perms or any(p in perms for p in self.readers)


def modules_for(perms: frozenset[str]) -> list[Module]:
    """The modules a holder of `perms` sees on the home page."""
    return [m for m in MODULES if m.visible_to(perms)]


MODULES: list[Module] = [
    Module(
        "plan", _("Work plan"), _("Indicators, plan against fact, reports"), Perm.PLAN_VIEW, "planning:list"
    ),
    Module(
        "catalog",
        _("Catalogue"),
        _("Records, copies, MARC import and export"),
        Perm.CATALOG_VIEW,  # every member of staff looks books up; cataloguers also edit
        "catalog:list",
    ),
    Module(
        "acquisitions",
        _("Collection"),
        _("Receipts, the collection register, withdrawals, stock-taking"),
        Perm.ACQUISITIONS_EDIT,
        "acquisitions:receipts",
        readers=(Perm.REPORTS_VIEW,),  # the director and the methodist read the registers
    ),
    Module(
        "desk",
        _("Lending desk"),
        _("Readers, loans and returns, visits"),
        Perm.CIRCULATION_DESK,
        url_name="circulation:desk",
    ),
    Module(
        "visits",
        _("Visits and the daily diary"),
        _("Visits and loans per sector and day, headcounts of sectors without a desk"),
        Perm.CIRCULATION_DESK,
        "attendance:diary",
        readers=(Perm.REPORTS_VIEW,),  # the director and the methodist read the diary
    ),
    Module(
        "interlibrary",
        _("Interlibrary loans"),
        _("Requests to and from other libraries"),
        Perm.CIRCULATION_DESK,
        "interlibrary:list",
        readers=(Perm.REPORTS_VIEW,),
    ),
    Module(
        "events",
        _("Events"),
        _("Events, exhibitions, clubs, the month calendar"),
        Perm.EVENTS_EDIT,
        "events:list",
        readers=(Perm.REPORTS_VIEW,),  # the director and the methodist read them
    ),
    Module(
        "surveys",
        _("Surveys"),
        _("Questionnaires, answers and their results"),
        Perm.EVENTS_EDIT,
        "surveys:list",
        readers=(Perm.REPORTS_VIEW,),  # the director and the methodist read them
    ),
    Module(
        "outreach",
        _("Outreach"),
        _("Posts, media appearances, international work"),
        Perm.OUTREACH_EDIT,
        "outreach:overview",
        readers=(Perm.REPORTS_VIEW,),  # the director and the methodist read them
    ),
    Module(
        "documents",
        _("Documents and methodology"),
        _("Documents register, methodological help, the library directory"),
        Perm.DOCUMENTS_EDIT,
        "documents:list",  # links the directory, the help log and the security report too
        readers=(Perm.PLAN_APPROVE,),
    ),
    Module(
        "services",
        _("Remote and paid services"),
        _("Delivery orders, price list, receipts"),
        Perm.SERVICES_EDIT,
        "services:index",
    ),
    # The director approves the price list and reads the income, without working the desk.
    Module(
        "prices",
        _("Price list and income"),
        _("The approved prices of paid services, receipts, cash summaries"),
        Perm.PRICES_APPROVE,
        "services:prices",
    ),
    Module(
        "digitization",
        _("Digitisation"),
        _("Scan jobs, OCR, digital collections"),
        Perm.DIGITIZATION_EDIT,
        "digitization:list",
        readers=(Perm.REPORTS_VIEW,),  # the director and the methodist read the scan jobs
    ),
    Module(
        "elibrary",
        _("Digital collections and QR boards"),
        _("Full-text databases in the public catalogue, QR-code posters of e-books"),
        Perm.DIGITIZATION_EDIT,
        "elibrary:list",
        readers=(Perm.CATALOG_EDIT, Perm.REPORTS_VIEW),  # cataloguers add items; the director reads
    ),
    Module("hr", _("Staff records"), _("Staff, categories, training"), Perm.HR_EDIT, "hr:list"),
    # The staff report is read by the director and the methodist, who do not keep the records.
    Module(
        "staff_reports",
        _("Staff reports"),
        _("The monthly and quarterly staff report, issued reports"),
        Perm.REPORTS_VIEW,
        "hr:reports",  # the issued ones: the methodist receives the districts' quarterly summaries
    ),
    Module(
        "institutions",
        _("Institutions"),
        _("Institutions, services, sectors and staff accounts"),
        Perm.INSTITUTION_VIEW,
        "institutions:list",
    ),
    Module("audit", _("Audit log"), _("Who changed what, and when"), Perm.AUDIT_VIEW, "audit"),
    Module(
        "search",
        _("Search"),
        _("One search over every library you see: availability, copy status, accession numbers"),
        Perm.CATALOG_VIEW,
        "opac:staff_search",
    ),
]
