"""`kutubxona report`: a plan's report for a period, as XLSX, PDF or JSON."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django_scopes import scopes_disabled

from kutubxona.planning.models import Plan
from kutubxona.planning.periods import Period
from kutubxona.planning.views.reports import report_file


class Command(BaseCommand):
    help = "Write the report of an institution's work plan for a period (the year, a quarter or a month)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--institution", required=True, help="the institution's code, e.g. arnasoy")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--period", default="year", help="year, q1..q4 or m01..m12")
        parser.add_argument("--format", choices=["xlsx", "pdf", "json"], default="xlsx")
        parser.add_argument("--language", choices=[code for code, _ in settings.LANGUAGES], default="uz")
        parser.add_argument(
            "-o", "--output", required=True, help="the file to write ('-' for standard output)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = Period.parse(options["year"], options["period"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        with scopes_disabled():  # the command acts as the system, for any institution
            plan = (
                Plan.objects.select_related("institution")
                .filter(institution__code=options["institution"], year=options["year"])
                .first()
            )
            if plan is None:
                raise CommandError(f"no plan of {options['institution']} for {options['year']}")
            with translation.override(options["language"]):
                content, _type, _name = report_file(plan, period, options["format"])
        if options["output"] == "-":
            self.stdout.write(
                content.decode() if options["format"] == "json" else "binary output needs -o FILE"
            )
            return
        Path(options["output"]).write_bytes(content)
        self.stderr.write(f"{options['output']}: {len(content):,} bytes")
