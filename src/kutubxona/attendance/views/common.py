"""What the visits pages share: who reads them and who records headcounts."""

from __future__ import annotations

from kutubxona.institutions.roles import Perm

# Everyone who sees the work plan may open the diary behind line 16 (the drill-down); typing
# headcounts in is the lending desk's work.
READ = Perm.PLAN_VIEW
EDIT = Perm.CIRCULATION_DESK
