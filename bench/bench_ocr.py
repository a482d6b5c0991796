"""OCR throughput and the web's response time while OCR runs, through `kutubxona serve`.

N pages (A4 at 300 dpi, Uzbek Latin and Cyrillic text in DejaVu Sans, rendered with Pillow) are
uploaded to a scan job of a fresh SQLite installation; the server (waitress, jobs in a thread,
as an embedded installation runs) is asked for the OPAC search page, one request after another,
idle (the baseline), then the operator's POST starts OCR and the same page is asked again
while the job reads the pages, until the job's progress says done, then idle again (the
baseline is both idle runs). Printed: pages per minute,
and the page's median and p95 idle vs during OCR, with ratios. Not asserted.

    .venv/bin/python bench/bench_ocr.py [--pages 12] [--languages uzb+uzb_cyrl]
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA = tempfile.mkdtemp(prefix="kutubxona-bench-ocr-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kutubxona.settings")
os.environ["KUTUBXONA_DATA_DIR"] = DATA
KUTUBXONA = str(Path(sys.executable).with_name("kutubxona"))
A4 = (2480, 3508)  # pixels at 300 dpi
LATIN = [
    "Jizzax viloyati qadimdan Buyuk ipak yo'li ustida joylashgan.",
    "Zomin tog'lari va Arnasoy ko'llari o'lkaning faxri hisoblanadi.",
    "Kutubxona fondida o'lkashunoslikka oid noyob kitoblar saqlanadi.",
    "Mirzacho'lni o'zlashtirish tarixi ko'plab hujjatlarda yoritilgan.",
    "O'quvchilar uchun yangi adabiyotlar ko'rgazmasi tashkil etildi.",
]
CYRILLIC = [
    "Жиззах вилояти қадимдан Буюк ипак йўли устида жойлашган.",
    "Зомин тоғлари ва Арнасой кўллари ўлканинг фахри ҳисобланади.",
    "Кутубхона фондида ўлкашуносликка оид ноёб китоблар сақланади.",
    "Мирзачўлни ўзлаштириш тарихи кўплаб ҳужжатларда ёритилган.",
]


def render_page(number: int) -> bytes:
    """An A4 page at 300 dpi: a heading and 40 lines alternating Latin and Cyrillic (11 pt)."""
    from PIL import Image, ImageDraw, ImageFont

    import kutubxona.core

    fonts = Path(kutubxona.core.__file__).parent / "fonts"
    body = ImageFont.truetype(str(fonts / "DejaVuSans.ttf"), 46)
    heading = ImageFont.truetype(str(fonts / "DejaVuSans-Bold.ttf"), 70)
    rng = random.Random(number)
    image = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(image)
    draw.text((250, 250), f"{number}-sahifa / {number}-саҳифа", font=heading, fill=0)
    for line in range(40):
        pool = LATIN if line % 2 == 0 else CYRILLIC
        draw.text((250, 420 + line * 75), rng.choice(pool), font=body, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(300, 300))
    return buffer.getvalue()


def prepare(pages: int, languages: list[str]) -> tuple[str, int]:
    """A library, its ICT operator's session, a record and a scan job with the pages uploaded."""
    subprocess.run([KUTUBXONA, "migrate", "-v", "0"], check=True)
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django_scopes import scopes_disabled
    from pymarc import Field, Indicators, Leader, Subfield
    from pymarc import Record as MarcRecord

    from kutubxona.catalog import actions as catalog
    from kutubxona.digitization import actions
    from kutubxona.institutions import actions as institutions

    with scopes_disabled():
        library = institutions.create_institution(
            None, code="bench", parent=None, kind="district", name_uz="Bench AKM"
        )
        operator = institutions.create_staff(
            None, library, username="ict", password=secrets.token_hex(8), role="ict", first_name="Umid"
        )
        for title in ("Jizzax viloyati tarixi", "Zomin tarixi", "O'lkashunoslik", "Arnasoy ko'llari"):
            marc = MarcRecord()
            marc.leader = Leader("00000nam a2200000 i 4500")
            marc.add_field(
                Field(tag="245", indicators=Indicators("1", "0"), subfields=[Subfield("a", title)])
            )
            record = catalog.create_record(None, library, marc)
        scan = actions.create_scan(operator, library, kind="plan", record=record, languages=languages)
        uploads = [
            (SimpleUploadedFile(f"p{n}.png", render_page(n)), f"p{n}.png") for n in range(1, pages + 1)
        ]
        actions.add_pages(operator, scan, uploads)
        session = SessionStore()
        session[SESSION_KEY] = str(operator.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = operator.get_session_auth_hash()
        session.create()
    connection.close()
    return session.session_key or "", scan.pk


def reference_page(languages: str) -> float:
    """Seconds Tesseract takes for one page run directly, as the app runs it (the same outputs,
    `KUTUBXONA_OCR_THREADS` threads) but not niced: the machine's own speed at the same work,
    so the job's figure against it is a fair ratio."""
    env = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("KUTUBXONA_OCR_THREADS", "1")}
    with tempfile.TemporaryDirectory() as folder:
        image = Path(folder) / "page.png"
        image.write_bytes(render_page(1))
        began = time.perf_counter()
        command = ["tesseract", str(image), str(Path(folder) / "out"), "-l", languages, "txt", "pdf", "tsv"]
        subprocess.run(command, check=True, capture_output=True, env=env)
        return time.perf_counter() - began


def load() -> str:
    return "{:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def timed_get(conn: http.client.HTTPConnection, path: str) -> float:
    began = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    assert response.status == 200, (path, response.status)
    return time.perf_counter() - began


def figures(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--languages", default="uzb+uzb_cyrl")
    parser.add_argument("--idle", type=int, default=200, help="requests idle, before OCR and again after")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the server on the way out
    load_before = load()  # other work on the machine skews every figure: printed with them
    began = time.perf_counter()
    session, scan = prepare(args.pages, args.languages.split("+"))
    prepared = time.perf_counter() - began
    reference = reference_page(args.languages)
    port = free_port()
    log = open(Path(DATA) / "server.log", "wb")  # noqa: SIM115 (open while the server runs)
    server = subprocess.Popen(
        [KUTUBXONA, "serve", "--port", str(port), "--threads", "4", "--jobs", "thread"],
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    search = "/opac/?q=tarix"
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _ in range(50):  # warm up
            timed_get(conn, search)
        idle = [timed_get(conn, search) for _ in range(args.idle)]

        csrf = secrets.token_hex(16)
        staff = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Cookie": f"sessionid={session}; csrftoken={csrf}"}
        staff.request(
            "POST",
            f"/digitization/{scan}/ocr/",
            body=f"csrfmiddlewaretoken={csrf}",
            headers={
                **headers,
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{port}/digitization/{scan}/",
            },
        )
        response = staff.getresponse()
        response.read()
        assert response.status == 302, response.status
        started = time.perf_counter()
        during: list[float] = []
        progress: dict[str, object] = {}
        last_poll = 0.0
        while True:
            during.append(timed_get(conn, search))
            if time.perf_counter() - last_poll > 1:
                last_poll = time.perf_counter()
                staff.request("GET", f"/digitization/{scan}/progress/", headers=headers)
                progress = json.loads(staff.getresponse().read())
                if progress["finished"]:
                    break
        elapsed = time.perf_counter() - started
        assert progress["scan_status"] == "done", progress
        idle += [timed_get(conn, search) for _ in range(args.idle)]  # idle again, after OCR
        idle_median, idle_p95 = figures(idle)
        busy_median, busy_p95 = figures(during)
        threads = os.environ.get("KUTUBXONA_OCR_THREADS", "1")
        rate = args.pages / elapsed * 60
        lines = [
            f"OCR of {args.pages} A4 pages at 300 dpi ({args.languages}), {threads} Tesseract thread(s),",
            f"`kutubxona serve` (SQLite, jobs in a thread), {os.cpu_count()} cores; set-up {prepared:.1f} s",
            f"  OCR: {elapsed:6.1f} s   {rate:6.1f} pages/min   ({elapsed / args.pages:.1f} s/page)",
            f"  one page, tesseract alone ({threads} thread(s), not niced): {reference:.1f} s "
            f"({60 / reference:.1f} pages/min; OCR/alone x{elapsed / args.pages / reference:.2f})",
            f"  load average (1, 5, 15 min): at the start {load_before}, at the end {load()}",
            f"  OPAC search {search}:",
            f"    idle        median {idle_median:7.1f} ms   p95 {idle_p95:7.1f} ms   ({len(idle)} req.)",
            f"    during OCR  median {busy_median:7.1f} ms   p95 {busy_p95:7.1f} ms   ({len(during)} req.)",
            f"    during/idle median x{busy_median / idle_median:.2f}   p95 x{busy_p95 / idle_p95:.2f}",
        ]
        print("\n".join(lines))
    except BaseException:
        print(f"the server's log: {log.name}", file=sys.stderr)
        raise
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
    shutil.rmtree(DATA, ignore_errors=True)  # kept (with the server's log) only after a failure


if __name__ == "__main__":
    main()
