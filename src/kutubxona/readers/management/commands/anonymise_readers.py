"""`kutubxona anonymise-readers`: clear the personal data of readers inactive for N years."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django_scopes import scopes_disabled

from kutubxona.institutions.models import Institution
from kutubxona.readers import actions


class Command(BaseCommand):
    help = "Anonymise readers inactive for the set number of years (statistics are kept)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--years",
            type=int,
            default=settings.KUTUBXONA_READERS_ANONYMISE_AFTER_YEARS,
            help="years without a loan, return or registration (default: the setting)",
        )

    def handle(self, *args: Any, years: int, **options: Any) -> None:
        total = 0
        with scopes_disabled():
            for institution in Institution.tree.all():
                total += actions.anonymise_inactive(None, institution, years=years)
        self.stdout.write(f"Readers anonymised: {total} (inactive for {years} years).")
