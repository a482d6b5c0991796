"""Tesseract, the OCR engine, run as a separate process (setting `KUTUBXONA_TESSERACT`).

Without it the system runs and says how to turn OCR on; a language pack missing is named with
the Debian package that brings it. Each run is limited to `KUTUBXONA_OCR_THREADS` threads and
runs at a lower priority, so the web process keeps a core and answers while OCR works.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_noop

INSTALL = "apt install tesseract-ocr tesseract-ocr-uzb tesseract-ocr-uzb-cyrl tesseract-ocr-rus"
TIMEOUT_SECONDS = 600  # one page; a page taking longer is stuck
BEAT_SECONDS = 20.0  # the job's heart beats this often while Tesseract reads a page

# Messages kept on the scan job (msgids; shown in the reader's language).
OFF = gettext_noop(
    "OCR is off: Tesseract is not installed on the server (%(command)s). To turn it on: %(install)s"
)
MISSING_PACK = gettext_noop(
    "The Tesseract language pack %(pack)s is not installed. Install it: apt install %(package)s"
)
FAILED = gettext_noop("Tesseract could not read page %(page)d: %(error)s")


class OcrError(Exception):
    """OCR cannot go on: `message` is a msgid, `args` its values."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message % values if values else message)
        self.message = message
        self.values = values


def command() -> str | None:
    """The Tesseract executable, or None when OCR is off."""
    return shutil.which(settings.KUTUBXONA_TESSERACT)


def package(pack: str) -> str:
    """The Debian package of a language pack (uzb_cyrl -> tesseract-ocr-uzb-cyrl)."""
    return "tesseract-ocr-" + pack.replace("_", "-").lower()


def off_error() -> OcrError:
    return OcrError(OFF, command=settings.KUTUBXONA_TESSERACT, install=INSTALL)


def installed_languages(executable: str) -> set[str]:
    result = subprocess.run(
        [executable, "--list-langs"], capture_output=True, text=True, timeout=60, check=False
    )
    lines = (result.stdout + "\n" + result.stderr).splitlines()
    return {line.strip() for line in lines if line.strip() and " " not in line.strip()}


def ready(languages: list[str]) -> str:
    """The executable, if it is there with every language pack; OcrError otherwise."""
    executable = command()
    if executable is None:
        raise off_error()
    have = installed_languages(executable)
    for pack in languages:
        if pack not in have:
            raise OcrError(MISSING_PACK, pack=pack, package=package(pack))
    return executable


def _nice() -> list[str]:
    """`nice -n 10` before the command where there is one (no preexec_fn: unsafe in threads)."""
    nice = shutil.which("nice")
    return [nice, "-n", "10"] if nice else []


@dataclass(frozen=True)
class PageResult:
    text: str
    confidence: float | None
    pdf: Path


def read_page(
    executable: str,
    image: Path,
    out_base: Path,
    languages: list[str],
    page: int,
    beat: Callable[[], None] | None = None,
) -> PageResult:
    """OCR one page image: its text, mean word confidence and a one-page searchable PDF.
    `beat()` is called every `BEAT_SECONDS` while Tesseract works (a page may take minutes)."""
    env = {**os.environ, "OMP_THREAD_LIMIT": str(settings.KUTUBXONA_OCR_THREADS)}
    command = [
        *_nice(),
        executable,
        str(image),
        str(out_base),
        "-l",
        "+".join(languages),
        "txt",
        "pdf",
        "tsv",
    ]
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
        )
    except OSError as error:
        raise OcrError(FAILED, page=page, error=str(error)) from error
    deadline = time.monotonic() + TIMEOUT_SECONDS
    try:
        while True:
            try:
                _out, stderr = process.communicate(
                    timeout=min(BEAT_SECONDS, max(deadline - time.monotonic(), 0))
                )
                break
            except subprocess.TimeoutExpired as error:
                if time.monotonic() >= deadline:
                    raise OcrError(FAILED, page=page, error=str(error)) from error
                if beat is not None:
                    beat()
    finally:
        if process.poll() is None:  # timed out, the job taken over, or Ctrl-C: no orphan left
            process.kill()
            process.communicate()
    returncode = process.returncode
    pdf, txt = out_base.with_suffix(".pdf"), out_base.with_suffix(".txt")
    if returncode != 0 or not pdf.exists() or not txt.exists():
        detail = (stderr or "").strip().splitlines()
        raise OcrError(FAILED, page=page, error=(detail[-1] if detail else f"exit {returncode}"))
    text = txt.read_text(encoding="utf-8", errors="replace").replace("\f", "").strip()
    return PageResult(text=text, confidence=_confidence(out_base.with_suffix(".tsv")), pdf=pdf)


def _confidence(tsv: Path) -> float | None:
    """The mean confidence (0-100) of the words Tesseract found, from its TSV output."""
    if not tsv.exists():
        return None
    values = []
    for line in tsv.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) == 12 and cells[0] == "5" and cells[11].strip():
            try:
                conf = float(cells[10])
            except ValueError:
                continue
            if conf >= 0:
                values.append(conf)
    return round(sum(values) / len(values), 1) if values else None
