"""`kutubxona serve`: the production server (waitress), static files included."""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Kutubxona with the waitress WSGI server (static files by WhiteNoise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0 for the LAN)")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--jobs",
            choices=["auto", "thread", "worker"],
            default="auto",
            help="run background jobs in this process (thread) or leave them to `kutubxona worker`; "
            "auto: a thread with SQLite, the worker with PostgreSQL",
        )

    def handle(self, *args: Any, host: str, port: int, threads: int, jobs: str, **options: Any) -> None:
        from waitress import serve

        # Collected on every start (before the app loads, since WhiteNoise indexes the folder
        # when it starts) so that an upgrade never serves stale files.
        call_command("collectstatic", interactive=False, verbosity=0)

        from kutubxona.search.indexer import repair_sqlite
        from kutubxona.wsgi import application

        if repair_sqlite():  # a reindex was killed mid-way
            self.stdout.write("Search index rebuilt (an interrupted reindex had left it incomplete).")

        embedded = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
        if jobs == "thread" or (jobs == "auto" and embedded):
            from kutubxona.core.jobs import ThreadRunner

            ThreadRunner().start()
            ThreadRunner(quick_only=True).start()  # notices do not wait behind OCR
        self.stdout.write(f"Kutubxona: http://{host}:{port}/  (data: {settings.DATA_DIR})")
        self.stdout.write("Ctrl+C stops the server.")
        serve(application, host=host, port=port, threads=threads, ident="kutubxona", **waitress_options())


def waitress_options() -> dict[str, Any]:
    """The server's limits and proxy trust, from our settings."""
    # waitress refuses a body over its own limit with an English page before the app sees it:
    # keep its limit above ours, so that our translated message answers (and a raised
    # KUTUBXONA_SCAN_MAX_MB is not stopped at waitress's 1 GB).
    ours = max(
        settings.KUTUBXONA_SCAN_MAX_MB * 1024 * 1024,
        settings.KUTUBXONA_DELIVERY_MAX_MB * 1024 * 1024,
        settings.KUTUBXONA_FULLTEXT_MAX_BYTES,
    )
    options: dict[str, Any] = {"max_request_body_size": max(1024**3, ours + 64 * 1024 * 1024)}
    if settings.KUTUBXONA_TRUSTED_PROXY:
        options.update(
            trusted_proxy=settings.KUTUBXONA_TRUSTED_PROXY,
            trusted_proxy_count=1,
            trusted_proxy_headers={"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"},
            clear_untrusted_proxy_headers=True,
        )
    return options
