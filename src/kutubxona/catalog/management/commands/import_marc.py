"""`kutubxona import-marc FILE`: import a MARC file into an institution's catalogue.

Runs the import job here, printing a progress line; `--background` leaves it to the worker.
Running the same command again after a crash resumes the unfinished import of that file.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from kutubxona.catalog import actions
from kutubxona.catalog.importing import KIND, ImportRefused, Progress, import_file
from kutubxona.catalog.marc.reading import ENCODINGS, FLAVOURS, FORMATS
from kutubxona.catalog.matching import MATCH_MODES
from kutubxona.core import jobs, progress
from kutubxona.core.models import Job, JobStatus
from kutubxona.institutions.models import Institution, User


def institution_and_user(code: str | None, username: str | None) -> tuple[Institution, User | None]:
    """The institution named by code (the only one, if there is one), and the acting user."""
    user = User.objects.filter(username=username).first() if username else None
    if username and user is None:
        raise CommandError(_("No user %(name)s.") % {"name": username})
    if code:
        institution = Institution.tree.filter(code=code).first()
        if institution is None:
            raise CommandError(_("No institution with the code %(code)s.") % {"code": code})
        return institution, user
    if user is not None and user.institution is not None:
        return user.institution, user
    institutions = list(Institution.tree.all()[:2])
    if len(institutions) != 1:
        raise CommandError(_("Name the institution with --institution CODE."))
    return institutions[0], user


class Command(BaseCommand):
    help = "Import a MARC file (ISO 2709 or MARCXML; MARC 21, UNIMARC or RUSMARC) into the catalogue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--institution", help="institution code (may be left out if there is only one)")
        parser.add_argument("--user", help="import as this user (permission checked, named in the audit log)")
        parser.add_argument("--format", choices=FORMATS, default="auto")
        parser.add_argument("--flavour", choices=FLAVOURS, default="auto")
        parser.add_argument("--encoding", choices=ENCODINGS, default="auto")
        parser.add_argument(
            "--match",
            choices=MATCH_MODES,
            default="skip",
            help="what to do with a record matching one already here (001+003, ISBN, title/author/year)",
        )
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument("--background", action="store_true", help="queue it for `kutubxona worker`")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"].resolve()
        if not path.is_file():
            raise CommandError(_("The file %(path)s does not exist.") % {"path": path})
        with scopes_disabled():
            institution, user = institution_and_user(options["institution"], options["user"])
            params = {name: options[name] for name in ("format", "flavour", "encoding", "match")}
            params["batch_size"] = options["batch_size"]
            if options["background"]:
                queued = actions.start_import(user, institution, path=str(path), options=params)
                self.stdout.write(_("Import queued as job %(id)d.") % {"id": queued.pk})
                return
            job = self._unfinished(institution, str(path), params)
            if job is None:
                job = actions.start_import(user, institution, path=str(path), options=params, run_here=True)
            else:
                jobs.mark_running(job)
            self._run(job)

    def _unfinished(self, institution: Institution, path: str, params: dict[str, Any]) -> Job | None:
        """An earlier import of the same (unchanged) file with the same options that did not finish."""
        for job in Job.objects.filter(
            kind=KIND,
            institution=institution,
            status__in=[JobStatus.RUNNING, JobStatus.FAILED, JobStatus.QUEUED],
        ).order_by("-id"):
            same_file = job.checkpoint.get("size") == Path(path).stat().st_size
            if job.params == {"path": path, **params} and job.checkpoint.get("position") and same_file:
                self.stdout.write(
                    _("Resuming import job %(id)d after record %(position)d.")
                    % {"id": job.pk, "position": job.checkpoint["position"]}
                )
                return job
        return None

    def _run(self, job: Job) -> None:
        try:
            result = import_file(job, on_progress=self._progress)
        except ImportRefused as error:
            jobs.finish(job, error=str(error))
            raise CommandError(str(error)) from None
        except BaseException as error:  # Ctrl+C too: the job is left to resume, marked failed
            jobs.finish(job, error=repr(error))
            raise
        jobs.finish(job, result=result)
        self.stderr.write("")
        self._report(result)

    def _progress(self, read: Progress) -> None:
        # The bar and its percentage: the bytes of the file read (records vary in length).
        text = _("%(position)d records of %(megabytes).1f MB, %(rate).0f records/s") % {
            "position": read.position,
            "megabytes": read.size / 1e6,
            "rate": read.rate,
        }
        self.stderr.write(progress.terminal_bar(read.offset, read.size, text), ending="")
        self.stderr.flush()

    def _report(self, result: dict[str, Any]) -> None:
        self.stdout.write(
            _(
                "Read %(read)d: imported %(imported)d, merged %(merged)d, replaced %(replaced)d, "
                "skipped %(skipped)d, failed %(failed)d."
            )
            % result
        )
        for label, count in result["encodings"].items():
            self.stdout.write(_("Encoding: %(label)s, %(count)d records.") % {"label": label, "count": count})
        for failure in result["failures"]:
            self.stdout.write(_("Record %(position)d (byte %(offset)d): %(reason)s") % failure)
        hosts = result["hosts"]
        if hosts["linked"] or hosts["unresolved_count"]:
            self.stdout.write(
                _(
                    "Articles linked to their host by 773 $w: %(linked)d; "
                    "host not found: %(unresolved_count)d."
                )
                % hosts
            )
        for article in hosts["unresolved"]:
            self.stdout.write(_("Record #%(record)d %(title)s: no host %(w)s in the catalogue.") % article)
