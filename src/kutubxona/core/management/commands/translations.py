"""`kutubxona translations update|cyrillic|compile|check`."""

import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kutubxona.core import translations


class Command(BaseCommand):
    help = "Maintain the translation catalogues (uz, uz-Cyrl, ru, en)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "step",
            choices=["update", "cyrillic", "compile", "check"],
            help="update: extract strings (needs GNU gettext), regenerate Cyrillic, compile; "
            "cyrillic: regenerate uz_Cyrl from uz; compile: .po to .mo; check: list untranslated",
        )

    def handle(self, *args: Any, step: str, **options: Any) -> None:
        if step == "update":
            here = os.getcwd()
            os.chdir(settings.BASE_DIR)  # makemessages scans the current folder
            try:
                call_command(
                    "makemessages",
                    locale=translations.HUMAN_LANGUAGES,
                    no_obsolete=True,
                    no_location=False,
                    add_location="file",
                    ignore_patterns=["locale/*", "static/*"],
                    verbosity=0,
                )
            finally:
                os.chdir(here)
        if step in {"update", "cyrillic"}:
            self.stdout.write(f"written {translations.write_cyrillic()}")
        if step in {"update", "cyrillic", "compile"}:
            for path in translations.compile_all():
                self.stdout.write(f"compiled {path}")
        if step == "check":
            missing = {lang: translations.untranslated(lang) for lang in translations.HUMAN_LANGUAGES}
            for lang, ids in missing.items():
                for msgid in ids:
                    self.stdout.write(f"{lang}: {msgid}")
            if any(missing.values()):
                raise CommandError("untranslated messages")
            self.stdout.write("all catalogues complete")
