"""Days as time ranges: whole days (both ends included) in the installation's time zone."""

from __future__ import annotations

import datetime

from django.utils import timezone


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def day_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """[start 00:00, the day after end 00:00) in local time, for filtering a DateTimeField
    (`field__gte=first, field__lt=after`) in a way its index serves."""
    return _midnight(start), _midnight(end + datetime.timedelta(days=1))
