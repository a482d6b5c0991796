"""`kutubxona sweep-imports [--days N]`: delete the uploaded MARC files of imports done over N
days ago (`KUTUBXONA_IMPORT_FILES_DAYS` by default); the job runners do it once a day too."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from kutubxona.catalog import actions

MAX_DAYS = 36500  # a hundred years: more overflows the date arithmetic


class Command(BaseCommand):
    help = "Delete the uploaded MARC files of imports done over N days ago (never an unfinished import's)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="days after the import is done")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days is not None and not 0 <= days <= MAX_DAYS:
            raise CommandError(_("The number of days must be from 0 to %(max)d.") % {"max": MAX_DAYS})
        with scopes_disabled():
            deleted = actions.sweep_import_files(days=days)
        self.stdout.write(_("Uploaded import files deleted: %(count)d.") % {"count": deleted})
