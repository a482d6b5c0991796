"""Every string of the interface is translated, and the compiled catalogues are current."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from kutubxona.core import translations
from kutubxona.core.text import to_cyrillic


@pytest.mark.parametrize("language", translations.HUMAN_LANGUAGES)
def test_catalogue_is_complete(language: str) -> None:
    assert translations.untranslated(language) == []


def test_placeholders_survive_translation() -> None:
    for language in ["uz", "ru", translations.CYRILLIC]:
        for entry in polib.pofile(str(translations.po_path(language))):
            if entry.msgstr and "%(" in entry.msgid:
                for name in set(re.findall(r"%\((\w+)\)", entry.msgid)):
                    assert f"%({name})" in entry.msgstr, (language, entry.msgid)


def test_cyrillic_catalogue_is_generated_from_latin() -> None:
    committed = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(translations.po_path("uz_Cyrl")))}
    assert committed == {(e.msgctxt, e.msgid): e.msgstr for e in translations.build_cyrillic()}
    for entry in polib.pofile(str(translations.po_path("uz"))):
        if entry.msgstr and "%" not in entry.msgstr and "<" not in entry.msgstr:
            assert committed[(entry.msgctxt, entry.msgid)] == to_cyrillic(entry.msgstr)


def test_transliteration_keeps_placeholders() -> None:
    assert (
        translations.transliterate_message("Salom, %(name)s! <b>{{ x }}</b>")
        == "Салом, %(name)s! <b>{{ x }}</b>"
    )


@pytest.mark.parametrize("language", ["uz", "uz_Cyrl", "ru", "en"])
def test_compiled_catalogue_matches_its_source(language: str, tmp_path: Path) -> None:
    po = translations.po_path(language)
    fresh = tmp_path / "django.mo"
    polib.pofile(str(po)).save_as_mofile(str(fresh))
    assert po.with_suffix(".mo").read_bytes() == fresh.read_bytes(), "run `kutubxona translations compile`"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")
def test_every_string_in_the_source_is_in_the_catalogues(tmp_path: Path) -> None:
    """makemessages into a copy of the sources: nothing new may appear."""
    source = Path(translations.__file__).parents[1]
    copy = tmp_path / "kutubxona"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__", "static"))
    code = (
        f"import os, django; os.chdir({str(copy)!r}); django.setup();"
        "from django.core.management import call_command;"
        "call_command('makemessages', locale=['uz'], no_obsolete=True, verbosity=0,"
        " ignore_patterns=['locale/*'], no_location=True)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONPATH": str(Path.cwd())}
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, **env})
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/uz/LC_MESSAGES/django.po"))}
    known = {e.msgid for e in polib.pofile(str(translations.po_path("uz")))}
    assert fresh - known == set(), "run `make messages` and translate the new strings"
