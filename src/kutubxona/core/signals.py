"""Signals between domain apps that must not import each other.

`reader_served` is sent by the lending desk (circulation) inside its transaction whenever it
serves a reader at a sector's desk (a loan, a return, a renewal, a hold picked up); attendance
counts the visit (once per reader, sector and day) from it. Keyword arguments:
`institution` (Institution), `sector` (Sector or None), `reader_id` (int), `when` (aware
datetime), `foreign` (bool: the reader is a foreign citizen, for plan line 40).

`readers_anonymised` and `readers_merged` are sent by readers (see below).
"""

from django.dispatch import Signal

reader_served = Signal()

# Sent by readers inside its transaction when readers' personal data is cleared (anonymised).
# Apps that copied a reader's name or card clear theirs, keeping their rows (statistics).
# Keyword arguments: `institution` (Institution), `readers` (list of (reader id, card number
# before anonymisation)). A receiver may return a dict of counts for the audit entry.
readers_anonymised = Signal()

# Sent by readers inside the merge's transaction before the duplicate reader is deleted. Apps
# whose rows point at readers without readers knowing them (visits, interlibrary requests) move
# the duplicate's rows to the kept reader (deleting the duplicate would only unlink them).
# Keyword arguments: `institution`, `keep_id` (int), `duplicate_id` (int). A receiver may
# return a dict of counts for the audit entry.
readers_merged = Signal()

# Sent by the catalogue's pages after a file's access changed or a file was removed. Apps that
# show the record somewhere a visitor needs the file open say so. Keyword argument: `record`
# (Record). A receiver returns a warning for the page to show, or "".
record_files_changed = Signal()
