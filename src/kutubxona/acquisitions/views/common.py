"""What the collection pages share: who may read them, who may change them."""

from __future__ import annotations

from django.http import HttpRequest

from kutubxona.institutions.access import acting_user, can
from kutubxona.institutions.models import Institution
from kutubxona.institutions.roles import Perm

# The acquisitions staff keep the registers; the director and the methodist read them, and
# everyone who sees the plan may open a receipt or a stock-take behind its numbers.
LIST = (Perm.ACQUISITIONS_EDIT, Perm.REPORTS_VIEW)
READ = Perm.PLAN_VIEW
EDIT = Perm.ACQUISITIONS_EDIT


def may_edit(request: HttpRequest, institution: Institution | None = None) -> bool:
    return can(acting_user(request), EDIT, institution)
