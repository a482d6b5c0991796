"""`kutubxona expire-holds`: ready holds not picked up in time expire (run daily, e.g. by cron)."""

from typing import Any

from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from kutubxona.circulation import actions


class Command(BaseCommand):
    help = (
        "Expire the ready holds whose pick-up day has passed; each copy goes to the next reader "
        "in the queue (who is told) or back to the shelf."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with scopes_disabled():
            expired = actions.expire_holds()
        self.stdout.write(f"Holds expired: {expired}.")
