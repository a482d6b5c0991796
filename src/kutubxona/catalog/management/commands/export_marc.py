"""`kutubxona export-marc`: write an institution's records to a MARC file, e.g. for the union catalogue."""

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from kutubxona.catalog.exporting import export_records
from kutubxona.catalog.management.commands.import_marc import institution_and_user
from kutubxona.catalog.marc.writing import FORMATS


class Command(BaseCommand):
    help = "Export records (ISO 2709 UTF-8 or MARCXML); the export is logged for plan line 14."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--institution", required=True, help="institution code")
        parser.add_argument("--user", help="export as this user")
        parser.add_argument(
            "--since", type=datetime.date.fromisoformat, help="records changed since (YYYY-MM-DD)"
        )
        parser.add_argument("--format", choices=FORMATS, default="iso2709")
        parser.add_argument("--not-for-union", action="store_true", help="a copy for ourselves, not line 14")
        parser.add_argument("-o", "--output", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        with scopes_disabled():
            institution, user = institution_and_user(options["institution"], options["user"])
            try:
                export = export_records(
                    user,
                    institution,
                    Path(options["output"]),
                    file_format=options["format"],
                    since=options["since"],
                    for_union_catalogue=not options["not_for_union"],
                )
            except OSError as error:
                raise CommandError(str(error)) from None
        self.stdout.write(
            _("%(count)d records written to %(file)s.")
            % {"count": export.record_count, "file": options["output"]}
        )
