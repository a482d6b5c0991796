"""Staff roles and what each may do.

A permission is a plain string `area.verb`. Roles are fixed in code (not editable tables)
because the work plan assigns work to services by role, and a library cannot invent one.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DIRECTOR = "director", _("Director")
    BIBLIOGRAPHER = "bibliographer", _("Bibliographer")
    CATALOGUER = "cataloguer", _("Cataloguer / acquisitions")
    LENDING = "lending", _("Lending desk")
    ICT = "ict", _("ICT and digitisation")
    HR = "hr", _("HR officer")
    METHODIST = "methodist", _("Regional methodist")
    SYSADMIN = "sysadmin", _("System administrator")


class Perm:
    """The permission strings, named once so a typo is an AttributeError, not a silent deny."""

    INSTITUTION_VIEW = "institution.view"
    INSTITUTION_EDIT = "institution.edit"
    STAFF_VIEW = "staff.view"
    STAFF_MANAGE = "staff.manage"
    AUDIT_VIEW = "audit.view"
    PLAN_VIEW = "plan.view"
    PLAN_EDIT = "plan.edit"
    PLAN_APPROVE = "plan.approve"
    PLAN_FACTS = "plan.facts"  # type in the facts of lines no domain counts yet
    CATALOG_VIEW = "catalog.view"
    CATALOG_EDIT = "catalog.edit"
    ACQUISITIONS_EDIT = "acquisitions.edit"
    READERS_EDIT = "readers.edit"
    CIRCULATION_DESK = "circulation.desk"
    EVENTS_EDIT = "events.edit"
    DIGITIZATION_EDIT = "digitization.edit"
    HR_EDIT = "hr.edit"
    OUTREACH_EDIT = "outreach.edit"  # posts, media, international work, methodological help
    DOCUMENTS_EDIT = "documents.edit"
    SERVICES_EDIT = "services.edit"  # remote delivery orders, paid-service receipts
    PRICES_APPROVE = "services.prices"  # the approved price list
    REPORTS_VIEW = "reports.view"


_EVERY_STAFF = {Perm.INSTITUTION_VIEW, Perm.STAFF_VIEW, Perm.PLAN_VIEW, Perm.CATALOG_VIEW}
# Everyone who works in the institution (not the methodist above it) records facts.
_WORKERS = _EVERY_STAFF | {Perm.PLAN_FACTS}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.DIRECTOR: frozenset(
        _WORKERS
        | {
            Perm.INSTITUTION_EDIT,
            Perm.STAFF_MANAGE,
            Perm.AUDIT_VIEW,
            Perm.PLAN_EDIT,
            Perm.REPORTS_VIEW,
            Perm.DOCUMENTS_EDIT,
            Perm.PRICES_APPROVE,
        }
    ),
    Role.BIBLIOGRAPHER: frozenset(
        _WORKERS
        | {Perm.CATALOG_EDIT, Perm.EVENTS_EDIT, Perm.REPORTS_VIEW, Perm.OUTREACH_EDIT, Perm.DOCUMENTS_EDIT}
    ),
    Role.CATALOGUER: frozenset(_WORKERS | {Perm.CATALOG_EDIT, Perm.ACQUISITIONS_EDIT}),
    Role.LENDING: frozenset(
        _WORKERS | {Perm.READERS_EDIT, Perm.CIRCULATION_DESK, Perm.EVENTS_EDIT, Perm.SERVICES_EDIT}
    ),
    Role.ICT: frozenset(
        _WORKERS
        | {
            Perm.DIGITIZATION_EDIT,
            Perm.EVENTS_EDIT,
            Perm.OUTREACH_EDIT,
            Perm.DOCUMENTS_EDIT,
            Perm.SERVICES_EDIT,
        }
    ),
    Role.HR: frozenset(_WORKERS | {Perm.HR_EDIT, Perm.STAFF_MANAGE, Perm.DOCUMENTS_EDIT}),
    Role.METHODIST: frozenset(_EVERY_STAFF | {Perm.PLAN_APPROVE, Perm.REPORTS_VIEW}),
    # The system administrator keeps the installation running: every permission, everywhere.
    Role.SYSADMIN: frozenset(v for k, v in vars(Perm).items() if k.isupper()),
}

# Roles whose holder sees the institutions below their own, not only their own.
ROLES_SEEING_SUBTREE = frozenset({Role.METHODIST, Role.SYSADMIN})
