"""`kutubxona ocr ID`: read a scan job's pages here, in the terminal, with a progress bar.

A draft job is started, a failed (or stalled) one resumed (after the pages already read); the job is the
same `digitization.ocr` background job the page starts, run in this process.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from kutubxona.core import jobs, progress
from kutubxona.digitization import actions
from kutubxona.digitization.models import ScanJob, Status
from kutubxona.digitization.ocr import interrupted, read_scan


class Command(BaseCommand):
    help = "Read a scan job's pages (OCR) in this process, with a progress bar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("scan", type=int, help="the scan job's id (as in its page's address)")

    def handle(self, *args: Any, **options: Any) -> None:
        with scopes_disabled():
            scan = ScanJob.objects.filter(pk=options["scan"]).first()
            if scan is None:
                raise CommandError(_("There is no scan job %(id)d.") % {"id": options["scan"]})
            try:
                with transaction.atomic():
                    if scan.status == Status.DRAFT:
                        job = actions.start_ocr(None, scan, run_here=True)
                    elif scan.status == Status.FAILED or actions.stalled(scan):
                        job = actions.retry(None, scan)
                        jobs.mark_running(job)  # in the same transaction: no runner takes it
                    else:
                        raise CommandError(
                            _("Scan job %(code)s is %(status)s: only a draft or a failed job is read here.")
                            % {"code": scan.code, "status": scan.get_status_display()}
                        )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            started = time.perf_counter()
            try:
                result = read_scan(job, on_progress=self._progress)
            except jobs.TakenOver as error:  # the job is the other runner's now: leave it be
                self.stderr.write("")
                raise CommandError(_("A job runner took this scan job over: it goes on there.")) from error
            except Exception as error:
                jobs.finish(job, error=str(error))
                scan.refresh_from_db()
                self.stderr.write("")
                raise CommandError(scan.error_text or str(error)) from error
            except BaseException as error:  # Ctrl-C: failed, so that it can be retried
                interrupted(job, scan)
                scan.refresh_from_db()
                self.stderr.write("")
                raise CommandError(scan.error_text) from error
            jobs.finish(job, result=result)
        self.stderr.write("")
        self.stdout.write(
            _("Scan job %(code)s: %(pages)d pages read in %(seconds).1f s.")
            % {"code": scan.code, "pages": result["pages"], "seconds": time.perf_counter() - started}
        )

    def _progress(self, done: int, total: int) -> None:
        text = _("page %(done)d of %(total)d") % {"done": done, "total": total}
        self.stderr.write(progress.terminal_bar(done, total, text), ending="")
        self.stderr.flush()
