"""773 $w of imported articles resolved to `Record.host`: the host found by its 001 (and 003)
in the same import (even later in the file) or already in the catalogue; a host not found is
reported (command and page), the article imported all the same."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pymarc import Field, Indicators, Leader, Subfield
from pymarc import Record as MarcRecord

from kutubxona.catalog import actions
from kutubxona.catalog.import_hosts import host_numbers
from kutubxona.catalog.importing import import_file
from kutubxona.catalog.marc import json as marc_json
from kutubxona.catalog.models import Record
from kutubxona.core.models import AuditEntry, Job
from kutubxona.institutions.models import User
from tests.catalog.conftest import run_import, start
from tests.catalog.test_resume import Killed, die_at
from tests.conftest import World, login
from tests.search.conftest import marc


def _numbered(record: MarcRecord, number: str, source: str = "UzAKM") -> MarcRecord:
    record.add_ordered_field(Field(tag="001", data=number))
    record.add_ordered_field(Field(tag="003", data=source))
    return record


def _article(title: str, *hosts: str) -> MarcRecord:
    record = marc(title, "Karimov B.", year=2021)
    record.leader = Leader("00000nab a2200000 i 4500")
    record.add_field(
        Field(
            tag="773",
            indicators=Indicators("0", " "),
            subfields=[Subfield("t", "Jizzax haqiqati"), *(Subfield("w", host) for host in hosts)],
        )
    )
    return record


def _file(tmp_path: Path, *records: MarcRecord) -> Path:
    path = tmp_path / "articles.mrc"
    path.write_bytes(b"".join(record.as_marc() for record in records))
    return path


def _issue(title: str, number: str, source: str = "UzAKM") -> MarcRecord:
    issue = marc(title, year=2021)
    issue.leader = Leader("00000nas a2200000 i 4500")
    return _numbered(issue, number, source)


def test_w_is_read_with_and_without_its_source() -> None:
    record = marc_json.to_json(_article("Maqola", "(UzAKM)H-1", "77"))
    assert host_numbers(record) == [("UzAKM", "H-1"), ("", "77")]


def test_articles_get_their_host_from_the_import_or_the_catalogue(
    tmp_path: Path, world: World, dilnoza: User, client: Client
) -> None:
    earlier = actions.create_record(None, world.arnasoy, _issue("Jizzax haqiqati, 2021, 3-son", "H-3"))
    elsewhere = actions.create_record(None, world.dostlik, _issue("Do'stlik tongi, 1-son", "D-1"))
    path = _file(
        tmp_path,
        _article("Paxta bayrami", "(UzAKM)H-2"),  # its host comes later in the file
        _article("Kutubxona kuni", "H-3"),  # a host already in the catalogue, 003 not said
        _article("Yangi maktab", "(OCoLC)555"),  # another system's number
        _article("Qo'shni tuman", "D-1"),  # a number only another library has
        _article("Boshqa manba", "(Other)H-2"),  # the number, but of another 003
        _issue("Jizzax haqiqati, 2021, 2-son", "H-2"),
    )
    report = run_import(dilnoza, world.arnasoy, path, batch_size=2)

    def host(title: str) -> Record | None:
        return Record.objects.get(title=title).host

    new_issue = Record.objects.get(title="Jizzax haqiqati, 2021, 2-son")
    assert host("Paxta bayrami") == new_issue and host("Kutubxona kuni") == earlier
    assert host("Yangi maktab") is host("Qo'shni tuman") is host("Boshqa manba") is None
    assert elsewhere.articles.count() == 0
    hosts = report["hosts"]
    assert (hosts["linked"], hosts["unresolved_count"]) == (2, 3)
    assert [row["w"] for row in hosts["unresolved"]] == ["(OCoLC)555", "D-1", "(Other)H-2"]
    assert report["imported"] == 6 and report["failed"] == 0
    entry = AuditEntry.objects.get(action="catalog.import.hosts")
    assert entry.changes == {"linked": 2, "unresolved": 3} and entry.actor == dilnoza

    login(client, dilnoza)
    client.cookies["django_language"] = "en"
    job = Job.objects.get(kind="catalog.import_marc")
    html = client.get(reverse("catalog:import_detail", args=[job.pk])).content.decode()
    assert "Articles linked to their host (773 $w)" in html and "3 hosts not found" in html
    host_less = Record.objects.get(title="Yangi maktab")
    assert "(OCoLC)555" in html and reverse("catalog:detail", args=[host_less.pk]) in html


def test_the_command_reports_the_hosts_not_found(tmp_path: Path, world: World, dilnoza: User) -> None:
    path = _file(tmp_path, _article("Yolg'iz maqola", "(UzAKM)X-9"), _issue("Bir son", "X-1"))
    out = StringIO()
    call_command("import_marc", str(path), institution="arnasoy", stdout=out, stderr=StringIO())
    article = Record.objects.get(title="Yolg'iz maqola")
    assert "Articles linked to their host by 773 $w: 0; host not found: 1." in out.getvalue()
    assert f"Record #{article.pk} Yolg'iz maqola: no host (UzAKM)X-9 in the catalogue." in out.getvalue()


def test_a_resumed_import_links_the_articles_of_its_earlier_run(
    tmp_path: Path, world: World, dilnoza: User
) -> None:
    path = _file(
        tmp_path, _article("Birinchi maqola", "H-5"), _article("Ikkinchi", "H-5"), _issue("Son", "H-5")
    )
    job = start(dilnoza, world.arnasoy, path, batch_size=1)
    with pytest.raises(Killed):
        import_file(job, die_at(2))
    assert Record.objects.count() == 2 and not Record.objects.filter(host__isnull=False).exists()
    job.refresh_from_db()
    report = import_file(job)
    issue = Record.objects.get(title="Son")
    assert set(issue.articles.values_list("title", flat=True)) == {"Birinchi maqola", "Ikkinchi"}
    assert report["hosts"]["linked"] == 2
