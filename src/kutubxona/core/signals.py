"""Signals between domain apps that must not import each other.

`reader_served` is sent by the lending desk (circulation) inside its transaction whenever it
serves a reader at a sector's desk (a loan, a return, a renewal, a hold picked up); attendance
counts the visit (once per reader, sector and day) from it. Keyword arguments:
`institution` (Institution), `sector` (Sector or None), `reader_id` (int), `when` (aware
datetime), `foreign` (bool: the reader is a foreign citizen, for plan line 40).
"""

from django.dispatch import Signal

reader_served = Signal()
