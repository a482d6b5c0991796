"""`kutubxona demo`: load the demonstration data. Idempotent: a second run adds nothing.

Each app that has demo data offers a `demo.py` module with `load(out) -> None`; they run in
the order of INSTALLED_APPS, inside one transaction, unscoped (this is the system itself).
"""

import importlib
import time
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django_scopes import scopes_disabled


class Command(BaseCommand):
    help = "Load the demo institutions, staff and records (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        with scopes_disabled(), transaction.atomic():
            for config in apps.get_app_configs():
                if not config.name.startswith("kutubxona."):
                    continue
                try:
                    module = importlib.import_module(f"{config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{config.name}.demo":
                        raise
                    continue
                module.load(self.stdout)
        self.stdout.write(f"Demo ready in {time.monotonic() - started:.1f} s.")
