"""What the services pages share: who may open them."""

from __future__ import annotations

from kutubxona.institutions.roles import Perm

# The desk that issues receipts and the director who approves prices both read these pages.
READERS = (Perm.SERVICES_EDIT, Perm.PRICES_APPROVE)
