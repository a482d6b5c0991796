"""Collection accounting speed: stock-take scans over HTTP through the production server with
two concurrent scanners (against a trivial endpoint on the same server, same run), and the
collection register's totals over 100,000 copies (against a plain COUNT/SUM of the same rows).

    .venv/bin/python bench/bench_acquisitions.py                       # SQLite, fresh folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kx6 .venv/bin/python bench/bench_acquisitions.py

With PostgreSQL the benchmark uses its own database (the name given + "_acq_bench"), created
and dropped here. Targets (issue 6): ≥ 100 scans/s; totals ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

PASSWORD = "bench-Password-1"
ROUNDS = 5


def setup_django(workdir: Path) -> str | None:
    os.environ["KUTUBXONA_DATA_DIR"] = str(workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kutubxona.settings")
    if url := os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = url + "_acq_bench"
    import django

    django.setup()
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        _database("CREATE")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return os.environ.get("DATABASE_URL")


def _database(verb: str) -> None:
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname="postgres", autocommit=True
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}" WITH (FORCE)')
        if verb == "CREATE":
            connection.execute(f'CREATE DATABASE "{db["NAME"]}"')


def build(copies: int) -> tuple[int, int]:
    """An institution with `copies` copies received in 1,000-copy receipts over five years and
    a few withdrawn; returns (institution id, stock-take id of its lending sector)."""
    import datetime

    from django.db import connections, transaction
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from kutubxona.acquisitions import actions
    from kutubxona.acquisitions.models import Accession, Receipt, ReceiptLine, Source, WithdrawnCopy
    from kutubxona.catalog.models import Copy, Record
    from kutubxona.institutions import actions as institution_actions
    from kutubxona.institutions.models import InstitutionKind, Sector
    from kutubxona.institutions.roles import Role
    from kutubxona.outreach.bulk import insert_rows

    with scopes_disabled(), transaction.atomic():
        institution = institution_actions.create_institution(
            None,
            code="bench",
            parent=None,
            kind=InstitutionKind.DISTRICT,
            name_uz="Bench AKM",
            short_name="Bench",
        )
        for name in ("scanner1", "scanner2"):
            institution_actions.create_staff(
                None, institution, username=name, password=PASSWORD, role=Role.CATALOGUER, first_name=name
            )
        record = Record.objects.create(
            institution=institution, marc={"leader": "", "fields": []}, title="Bench", source="manual"
        )
        sectors = list(Sector.objects.filter(institution=institution).order_by("pk"))
        per_receipt = 1000
        days = [datetime.date(2021 + n % 5, 1 + n % 12, 1 + n % 28) for n in range(copies // per_receipt)]
        receipts = Receipt.objects.bulk_create(
            [
                Receipt(
                    institution=institution,
                    year=d.year,
                    number=n + 1,
                    date=d,
                    source=Source.PURCHASE,
                    party="Sharq",
                    invoice_number=str(n),
                    copies=per_receipt,
                    total=per_receipt * 10000,
                )
                for n, d in enumerate(days)
            ]
        )
        lines = ReceiptLine.objects.bulk_create(
            [
                ReceiptLine(receipt=r, record=record, title="Bench", quantity=per_receipt, price=10000)
                for r in receipts
            ]
        )
        # Plain executemany (the outreach demo's writer): bulk_create's per-object work
        # would take most of a minute for 100,000 copies.
        now = timezone.now()
        copy_rows, accession_rows = [], []
        for index in range(len(lines) * per_receipt):
            line = lines[index // per_receipt]
            number = index + 1
            sector = sectors[index % len(sectors)]
            copy_rows.append(
                [
                    number,
                    institution.pk,
                    record.pk,
                    str(number),
                    f"B{number:08d}",
                    sector.pk,
                    "main",
                    "",
                    "available",
                    Decimal(10000),
                    "",
                    now,
                    now,
                ]
            )
            accession_rows.append(
                [institution.pk, number, line.pk, line.receipt.date, Source.PURCHASE, Decimal(10000), number]
            )
        insert_rows(
            Copy,
            [
                "id",
                "institution",
                "record",
                "accession_number",
                "barcode",
                "sector",
                "collection",
                "shelf_location",
                "status",
                "price",
                "notes",
                "created_at",
                "updated_at",
            ],
            copy_rows,
        )
        insert_rows(
            Accession,
            ["institution", "number", "line", "received_on", "source", "price", "copy"],
            accession_rows,
        )
        withdrawn = list(Copy.objects.filter(institution=institution).order_by("pk")[:2000])
        act = actions.withdraw(
            None, institution, date=datetime.date(2025, 6, 1), reason="worn", copies=withdrawn[:10]
        )
        WithdrawnCopy.objects.bulk_create(
            [
                WithdrawnCopy(
                    withdrawal=act, institution=institution, copy=c, withdrawn_on=act.date, price=10000
                )
                for c in withdrawn[10:]
            ]
        )
        stocktake = actions.open_stocktake(
            None, institution, title="Bench", started_on=datetime.date.today(), sector=sectors[0]
        )
    for connection in connections.all():
        connection.close()
    return institution.pk, stocktake.pk


def best_ms(function: object, rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


def totals_figures(institution_id: int) -> None:
    from django.db import connection
    from django_scopes import scopes_disabled

    from kutubxona.acquisitions import registers
    from kutubxona.acquisitions.models import Accession

    table = Accession._meta.db_table

    def plain() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*), SUM(price) FROM {table} WHERE institution_id = %s", [institution_id]
            )
            cursor.fetchone()

    with scopes_disabled():
        first, last = registers.year_span(2024)
        result = registers.totals([institution_id], first, last)
        ours = best_ms(lambda: registers.totals([institution_id], first, last))
        count = Accession.objects.filter(institution_id=institution_id).count()
    base = best_ms(plain)
    print(
        f"KSU totals over {count:,} copies: {ours:.1f} ms "
        f"(plain COUNT/SUM of the accessions: {base:.1f} ms; ratio {ours / base:.1f}×; target ≤ 200 ms)"
    )
    print(f"  end of 2024: {result.end.copies:,} copies, {result.end.value:,.0f} so'm")


class Browser:
    """A logged-in staff member on one keep-alive connection."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: dict[str, str] | None = None, accept: str = "text/html"
    ) -> tuple[int, bytes]:
        headers = {"Accept": accept, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        self.connection.request(method, path, body=data, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, content

    def login(self, username: str) -> None:
        _status, page = self.request("GET", "/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        status, _ = self.request(
            "POST",
            "/login/",
            {"csrfmiddlewaretoken": token.group(1).decode(), "username": username, "password": PASSWORD},
        )
        assert status == 302, f"login failed: {status}"
        self.request("GET", "/")  # the csrftoken cookie for the scan posts


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(port: int) -> None:
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def scan_figures(stocktake_id: int, scans: int) -> None:
    port = _free_port()
    env = dict(os.environ, KUTUBXONA_LOG_LEVEL="ERROR")
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "kutubxona"), "serve", "--port", str(port), "--jobs", "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(port)
        scanners = [Browser(port), Browser(port)]
        for n, browser in enumerate(scanners, start=1):
            browser.login(f"scanner{n}")
        path = f"/acquisitions/stocktakes/{stocktake_id}/scan/"
        per = scans // 2
        outcomes: list[str] = []

        def scanning(browser: Browser, first: int) -> None:
            for number in range(first, first + per):
                status, body = browser.request("POST", path, {"code": f"B{number:08d}"}, "application/json")
                assert status == 200, body[:300]
                outcomes.append(json.loads(body)["outcome"])

        def trivial(browser: Browser) -> None:
            for _ in range(per):
                status, _body = browser.request("GET", "/healthz")
                assert status == 200

        def run(target: object, args: list[tuple[object, ...]]) -> float:
            threads = [threading.Thread(target=target, args=a) for a in args]  # type: ignore[arg-type]
            started = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            return scans / (time.perf_counter() - started)

        base = run(trivial, [(b,) for b in scanners])
        rate = run(scanning, [(scanners[0], 1), (scanners[1], 1 + per)])
        found = outcomes.count("found")
        print(
            f"Stock-take scans over HTTP (waitress, 2 concurrent scanners, {scans} scans): "
            f"{rate:.0f} scans/s (trivial endpoint on the same server: {base:.0f} req/s; "
            f"{100 * rate / base:.0f} %; target >= 100/s)"
        )
        print(f"  outcomes: {found} found, {len(outcomes) - found} misplaced or other")
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--copies", type=int, default=100_000)
    parser.add_argument("--scans", type=int, default=1000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = setup_django(Path(folder))
        engine = "PostgreSQL" if url else "SQLite"
        started = time.perf_counter()
        institution_id, stocktake_id = build(options.copies)
        print(f"{engine}: {options.copies:,} copies built in {time.perf_counter() - started:.1f} s")
        totals_figures(institution_id)
        scan_figures(stocktake_id, options.scans)
        if url:
            from django.db import connections

            for connection in connections.all():
                connection.close()
            _database("DROP")


if __name__ == "__main__":
    main()
