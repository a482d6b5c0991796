"""The lending desk over HTTP through the production server (waitress, `kutubxona serve`).

8 clients, each a desk with its own reader and copies, scan a copy to lend it and scan it again
to take it back, as fast as the server answers (the JSON answer of the desk's scan endpoint,
as the page's JavaScript asks it). Each scan is one operation. The baseline is the trivial
`/healthz` endpoint, measured against the same server in the same run. Issue 7's targets on
SQLite: >= 200 operations/s, p95 <= 50 ms. Printed, not asserted.

    .venv/bin/python bench/bench_desk.py                   # SQLite (a fresh data folder)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kx7a_bench .venv/bin/python bench/bench_desk.py

On PostgreSQL the named database is dropped and created afresh.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode, urlparse

DATA = tempfile.mkdtemp(prefix="kutubxona-bench-desk-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kutubxona.settings")
os.environ["KUTUBXONA_DATA_DIR"] = DATA
KUTUBXONA = str(Path(sys.executable).with_name("kutubxona"))
CLIENTS = 8


def fresh_database() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    for sql in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", admin, "-qc", sql], check=True)


def prepare(per_client: int) -> list[tuple[str, int, list[str]]]:
    """A desk user's session per client, with its reader and copies: (session key, reader, barcodes)."""
    subprocess.run([KUTUBXONA, "migrate", "-v", "0"], check=True)
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction
    from django_scopes import scopes_disabled
    from pymarc import Field, Indicators, Leader, Subfield
    from pymarc import Record as MarcRecord

    from kutubxona.catalog import actions as catalog
    from kutubxona.catalog.models import Copy, CopyStatus
    from kutubxona.institutions import actions as institutions
    from kutubxona.readers import actions as readers

    clients = []
    with scopes_disabled(), transaction.atomic():
        library = institutions.create_institution(
            None, code="bench", parent=None, kind="district", name_uz="Bench AKM"
        )
        marc = MarcRecord()
        marc.leader = Leader("00000nam a2200000 i 4500")
        marc.add_field(
            Field(tag="245", indicators=Indicators("1", "0"), subfields=[Subfield("a", "O'tkan kunlar")])
        )
        record = catalog.create_record(None, library, marc)
        for c in range(CLIENTS):
            desk = institutions.create_staff(
                None,
                library,
                username=f"desk{c}",
                password=secrets.token_hex(8),
                role="lending",
                first_name="Desk",
            )
            reader = readers.register_reader(
                None, library, last_name=f"Kitobxon{c}", first_name="B", category="student", consent=True
            )
            codes = []
            for i in range(per_client):
                copy = catalog.create_copy(
                    None,
                    record,
                    accession_number=f"{c}-{i}",
                    barcode=f"9{c:02d}{i:05d}",
                    status=CopyStatus.AVAILABLE,
                )
                codes.append(copy.barcode)
            session = SessionStore()
            session[SESSION_KEY] = str(desk.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = desk.get_session_auth_hash()
            session.create()
            clients.append((session.session_key or "", reader.pk, codes))
        assert Copy.objects.count() == CLIENTS * per_client
    from django.db import connection

    connection.close()
    return clients


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(
    port: int, work: Callable[[int, http.client.HTTPConnection, list[float]], None]
) -> tuple[float, float, int]:
    """Every client's `work` at once; (operations/s, p95 ms, operations)."""
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    errors: list[BaseException] = []
    start = threading.Barrier(CLIENTS + 1)

    def client(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            start.wait()
            work(index, conn, latencies[index])
        except BaseException as error:
            errors.append(error)
        finally:
            conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if errors:
        raise errors[0]
    every = sorted(x for each in latencies for x in each)
    p95 = every[int(len(every) * 0.95) - 1] * 1000
    return len(every) / elapsed, p95, len(every)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=100, help="lend + take back rounds per client")
    parser.add_argument("--threads", type=int, default=8, help="the server's threads (`kutubxona serve`)")
    args = parser.parse_args()
    fresh_database()
    clients = prepare(per_client=4)
    port = free_port()
    log = open(Path(DATA) / "server.log", "wb")  # noqa: SIM115 (open while the server runs)
    server = subprocess.Popen(
        [KUTUBXONA, "serve", "--port", str(port), "--threads", str(args.threads), "--jobs", "worker"],
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        csrf = secrets.token_hex(16)

        def healthz(index: int, conn: http.client.HTTPConnection, out: list[float]) -> None:
            for _ in range(args.rounds * 2):
                t = time.perf_counter()
                conn.request("GET", "/healthz")
                response = conn.getresponse()
                response.read()
                out.append(time.perf_counter() - t)
                assert response.status == 200

        def desk(index: int, conn: http.client.HTTPConnection, out: list[float]) -> None:
            session, reader, codes = clients[index]
            headers = {
                "Cookie": f"sessionid={session}; csrftoken={csrf}",
                "X-CSRFToken": csrf,
                "Accept": "application/json",
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{port}/desk/",
            }
            for i in range(args.rounds):
                code = codes[i % len(codes)]
                for expect in ("lent", "returned"):
                    body = urlencode({"code": code, "reader": reader})
                    t = time.perf_counter()
                    conn.request("POST", "/desk/scan/", body=body, headers=headers)
                    response = conn.getresponse()
                    answer = json.loads(response.read())
                    out.append(time.perf_counter() - t)
                    assert response.status == 200 and expect in answer, answer

        run(port, healthz)  # warm up the server's threads and connections
        base_ops, base_p95, base_n = run(port, healthz)
        ops, p95, n = run(port, desk)
        engine = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
        print(f"{engine}, waitress with {args.threads} threads, {CLIENTS} concurrent clients")
        print(f"  /healthz (baseline)       {base_ops:8.0f} req/s   p95 {base_p95:6.1f} ms   ({base_n} req)")
        print(f"  desk scan (lend/return)   {ops:8.0f} ops/s   p95 {p95:6.1f} ms   ({n} operations)")
        print(f"  desk / baseline           {ops / base_ops:8.2f}      p95 x{p95 / base_p95:.1f}")
        print("  targets (SQLite): >= 200 ops/s, p95 <= 50 ms")
    except BaseException:
        print(f"the server's log: {log.name}", file=sys.stderr)
        raise
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


if __name__ == "__main__":
    main()
