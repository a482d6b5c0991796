"""The `kutubxona` console command: Django's management commands plus the project's own."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kutubxona.settings")
    from django.core.management import execute_from_command_line

    arguments = sys.argv[1:]
    # Our commands are spelled with hyphens (`import-marc`); Django's modules need underscores.
    if arguments and not arguments[0].startswith("-"):
        arguments[0] = arguments[0].replace("-", "_")
    execute_from_command_line([sys.argv[0], *arguments])


if __name__ == "__main__":
    main()
