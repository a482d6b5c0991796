"""Which files the register accepts: PDF, DOCX, XLSX, ODT, checked by content, not only name.

A renamed picture or a Word 97 file would open nowhere the region looks; the check reads the
file's first bytes (PDF) or its ZIP table (the office formats) so a wrong type is refused
with a message naming what is accepted.
"""

from __future__ import annotations

import zipfile
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kutubxona.core import uploads

MAX_SIZE = 20 * 1024 * 1024
# extension -> a member every such ZIP has (and for ODT the mimetype it declares)
OFFICE = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "odt": "mimetype"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _office_ok(file: IO[bytes], extension: str) -> bool:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if OFFICE[extension] not in names:
                return False
            return extension != "odt" or archive.read("mimetype").strip() == ODT_MIMETYPE
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


def check_file(file: IO[bytes] | None, name: str, size: int) -> None:
    if file is None:
        return
    accepted = _("Accepted files: PDF, DOCX, XLSX, ODT.")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if size > MAX_SIZE:
        raise ValidationError({"file": _("The file is larger than 20 MB.")})
    if extension not in {"pdf", *OFFICE}:
        raise ValidationError({"file": f"{_('This type of file is not accepted.')} {accepted}"})
    if extension == "pdf":
        ok = uploads.file_type(uploads.head_of(file)) == uploads.PDF
    else:
        ok = _office_ok(file, extension)
        file.seek(0)
    if not ok:
        raise ValidationError(
            {
                "file": _("The content of the file is not %(type)s: it may be damaged or renamed.")
                % {"type": extension.upper()}
            }
        )
