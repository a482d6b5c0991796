"""`kutubxona reindex`: rebuild the search index of every record, with a progress bar.

Runs as a `search.reindex` job here (`--background` leaves it to `kutubxona worker`).
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from kutubxona.core import jobs, progress
from kutubxona.search.tasks import KIND, reindex


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]  # translated when the help is shown
        return _("Rebuild the search index of every catalogue record.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--background", action="store_true", help=_("queue it for `kutubxona worker`"))

    def handle(self, *args: Any, **options: Any) -> None:
        with scopes_disabled():
            job = jobs.enqueue(
                KIND, institution=None, created_by=None, params={}, run_here=not options["background"]
            )
            if options["background"]:
                self.stdout.write(_("Reindexing queued as job %(id)d.") % {"id": job.pk})
                return
            started = time.perf_counter()
            try:
                result = reindex(job, on_progress=self._progress)
            except BaseException as error:
                jobs.finish(job, error=repr(error))
                raise
            jobs.finish(job, result=result)
        self.stderr.write("")
        self.stdout.write(
            _("%(count)d records indexed in %(seconds).1f s.")
            % {"count": result["indexed"], "seconds": time.perf_counter() - started}
        )

    def _progress(self, done: int, total: int) -> None:
        text = _("%(done)d of %(total)d records") % {"done": done, "total": total}
        self.stderr.write(progress.terminal_bar(done, total, text), ending="")
        self.stderr.flush()
