"""`kutubxona worker`: run background jobs (imports, exports) from the database queue."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from kutubxona.core import jobs


class Command(BaseCommand):
    help = "Run queued background jobs; resumes jobs whose process died."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run what is queued, then stop")
        parser.add_argument("--poll", type=float, default=2.0, help="seconds between looks at the queue")

    def handle(self, *args: Any, once: bool, poll: float, **options: Any) -> None:
        from kutubxona.search.indexer import repair_sqlite

        if repair_sqlite():  # a reindex was killed mid-way
            self.stdout.write("Search index rebuilt (an interrupted reindex had left it incomplete).")
        if not once:  # a resident worker: notices do not wait behind an OCR run or an import
            jobs.ThreadRunner(poll, quick_only=True).start()
        while True:
            if not once:  # a resident worker also queues the daily sweeps; --once runs what is queued
                jobs.queue_daily()
            ran = jobs.run_pending()
            if ran:
                self.stdout.write(f"{ran} job(s) run.")
            if once:
                return
            connection.close()
            time.sleep(poll)
