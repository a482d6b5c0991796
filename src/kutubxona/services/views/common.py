"""What the services pages share: who may open them."""

from __future__ import annotations

from kutubxona.institutions.roles import Perm

# The desk that issues receipts and the director who approves prices both read these pages,
# and so does the methodist who approves the plan these orders and receipts are counted for.
READERS = (Perm.SERVICES_EDIT, Perm.PRICES_APPROVE, Perm.PLAN_APPROVE)
