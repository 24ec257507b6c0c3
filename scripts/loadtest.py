"""A bounded load test on localhost (not part of CI): ``.venv/bin/python scripts/loadtest.py``.

Starts the app on a scratch copy of the embedded data, then, in Debian's Chromium:

1. without load: one visitor opens Budget och utfall ``--visits`` times;
2. under load: ``--sessions`` visitors (browser contexts) do the same at once, while an
   editor imports a month of utfall on the page Data halfway through.

Every visit reads the result (prognos 2025) and Samordningsteam Västerås's prognos from the
page and checks that they belong to one version of the data: 001 section 6 before the import
(−9 073 and −5 100 000), the imported file after it (90 927 and −5 000 000), never a mix.
Prints one JSON object: medians without and under load, their ratio, errors and mixes.

With ``--processer 2`` the app runs as in the README's Deployment section: nginx with
``deploy/nginx.conf`` in front of two reader processes (the visitors, kept on one by a
cookie) and one writer process (the editor), which publishes a copy of the database after
the import for the readers to move to. The report then also counts the visits each reader
served. nginx comes from ``bash scripts/install.sh --proxy``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402
import websockets  # noqa: E402
from playwright.async_api import Browser, Page, async_playwright, expect  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from tests import import_files  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, EDITOR_PASSWORD, healthy, running_app  # noqa: E402

# (result, Västerås prognos) as each version of the data shows them.
BEFORE = ("-9 073 kr", "-5100000")  # 001 section 6
AFTER = ("90 927 kr", "-5000000")  # after import_files.csv_bytes(): prognos −5 000 000
VIEWPORT = {"width": 1600, "height": 1000}

# The ports of deploy/nginx.conf: viewers, editors, the writer and the two readers.
PROCESS_HEADER = "x-finsam-process"  # deploy/nginx.conf: which process answered
VIEWERS_URL = "http://127.0.0.1:8080"
EDITORS_URL = "http://127.0.0.1:8081"
WRITER_PORT = 8510
READER_PORTS = (8511, 8512)


@contextlib.contextmanager
def proxied_apps(work: Path) -> Iterator[tuple[str, str]]:
    """One writer and two reader processes behind nginx (deploy/nginx.conf), as the README's
    Deployment section describes; yields the viewers' URL and the editors' URL."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise SystemExit("nginx saknas: kör bash scripts/install.sh --proxy")
    for port in (8080, 8081, WRITER_PORT, *READER_PORTS):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                raise SystemExit(f"Port {port} är upptagen; deploy/nginx.conf behöver den.")
    shared = {
        "FINSAM_REPLICAS": str(work / "replicas"),
        # The same in every process, as behind any proxy (README, Deployment).
        "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32),
    }
    writer_dir = work / "writer"
    writer_dir.mkdir()
    writer_env = {**shared, "FINSAM_DB": str(writer_dir / "e2e.duckdb")}
    # The writer builds and publishes before it serves, so the readers have a copy to open.
    subprocess.run(
        [sys.executable, "-m", "dashboard", "build"], cwd=REPO, env={**os.environ, **writer_env}, check=True
    )
    reader_env = {**shared, "FINSAM_ROLE": "reader", "FINSAM_EDITOR_URL": EDITORS_URL}
    with contextlib.ExitStack() as stack:
        stack.enter_context(running_app(writer_dir, WRITER_PORT, writer_env))
        for port in READER_PORTS:
            (work / f"reader-{port}").mkdir()
            stack.enter_context(running_app(work / f"reader-{port}", port, reader_env))
        prefix = work / "nginx"
        for sub in ("logs", "tmp"):
            (prefix / sub).mkdir(parents=True)
        proxy = subprocess.Popen(
            [nginx, "-p", str(prefix), "-c", str(REPO / "deploy" / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        stack.callback(proxy.wait, 20)
        stack.callback(proxy.terminate)
        for url in (VIEWERS_URL, EDITORS_URL):
            if not healthy(url, proxy):
                raise SystemExit(f"{url} svarar inte genom nginx (se {prefix / 'logs' / 'error.log'}).")
        yield VIEWERS_URL, EDITORS_URL


async def _context(browser: Browser):
    """A visitor. Twenty Chromium contexts share the machine's cores with the app, so a page
    may take long to load: the limits are minutes, and a visit that exceeds them counts as an
    error in the report."""
    context = await browser.new_context(viewport=VIEWPORT, locale="sv-SE")
    context.set_default_timeout(300_000)
    context.set_default_navigation_timeout(300_000)
    return context


async def wait_for_run(page: Page) -> None:
    app = page.get_by_test_id("stApp")
    await expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=300_000)
    await expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=300_000)
    await expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=300_000)


async def visit(page: Page, url: str) -> tuple[float, tuple[str, str], str]:
    """Open Budget och utfall; the time until the script has finished, what it shows, and
    the process that served it."""
    start = time.perf_counter()
    response = await page.goto(f"{url}/budget")
    process = response.headers.get(PROCESS_HEADER, "en") if response else "?"
    await wait_for_run(page)
    elapsed = (time.perf_counter() - start) * 1000
    result = page.get_by_test_id("stMetric").filter(has_text="Resultat, prognos 2025")
    await expect(result).to_be_visible(timeout=300_000)
    text = (await result.inner_text()).split("\n", 1)[1].replace("\u00a0", " ")
    value = re.search(r"-?[\d ]+ kr", text).group(0).strip()
    table = page.locator("table#T_per-post")  # the board's table (tables.board_html)
    await expect(table.locator("tr").nth(1)).to_be_attached(timeout=300_000)
    row = table.locator("tr").filter(has_text="Samordningsteam Västerås").first
    cells = await row.locator("th, td").all_inner_texts()  # the row's text runs cells together
    return elapsed, (value, _prognos([" | ".join(cells)])), process


async def import_month(browser: Browser, url: str, work: Path) -> float:
    """An editor imports a month of utfall through the page Data; the time it took."""
    context = await _context(browser)
    page = await context.new_page()
    start = time.perf_counter()
    await page.goto(f"{url}/data")
    await wait_for_run(page)
    await page.get_by_label("Ditt namn (står i importloggen)").fill("Belastningstest")
    await page.get_by_label("Lösenord").fill(EDITOR_PASSWORD)
    await page.get_by_role("button", name="Logga in").click()
    await expect(page.get_by_text("Inloggad som redaktör: Belastningstest")).to_be_visible(timeout=300_000)
    # The file is chosen at once, while the run after the login may still be going: a quick
    # person does that, and Streamlit then starts the next run before the last has stopped
    # (README: Performance, the one failure).
    source = work / "september.csv"
    source.write_bytes(import_files.csv_bytes())
    await page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(source))
    await page.get_by_role("button", name="Importera 4 nya och ändrade rader").click()
    await expect(page.get_by_text("Import 1 sparad")).to_be_visible(timeout=300_000)
    await context.close()
    return (time.perf_counter() - start) * 1000


class BrowserVisitor:
    """A visitor in a Chromium context: what a person sees, but the browser's own rendering
    shares the machine's cores with the app."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.page: Page | None = None

    async def visit(self, url: str) -> tuple[float, tuple[str, str], str]:
        if self.page is None:
            self.page = await (await _context(self.browser)).new_page()
        return await visit(self.page, url)


class SocketVisitor:
    """A visitor without a browser: Streamlit's own websocket protocol (the protobuf messages
    its frontend sends and receives). It asks for the page, reads the elements the server
    sends until the script has finished, and so measures the server alone. Like a browser,
    it keeps the proxy's cookie, so the proxy keeps it on one process."""

    def __init__(self) -> None:
        self.cookie: str | None = None

    async def visit(self, url: str) -> tuple[float, tuple[str, str], str]:
        request = BackMsg()
        request.rerun_script.page_name = "budget"
        start = time.perf_counter()
        async with websockets.connect(
            url.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=["streamlit"],
            additional_headers={"Cookie": self.cookie} if self.cookie else None,
            max_size=None,
            open_timeout=300,
        ) as socket_:
            await socket_.send(request.SerializeToString())
            result, board = "?", ""
            while True:
                message = ForwardMsg()
                message.ParseFromString(await asyncio.wait_for(socket_.recv(), 300))
                kind = message.WhichOneof("type")
                if kind == "script_finished":
                    break
                if kind != "delta" or message.delta.WhichOneof("type") != "new_element":
                    continue
                element = message.delta.new_element
                if (
                    element.WhichOneof("type") == "metric"
                    and element.metric.label == "Resultat, prognos 2025"
                ):
                    result = element.metric.body.replace("\u00a0", " ")
                elif element.WhichOneof("type") == "html" and 'id="T_per-post"' in element.html.body:
                    board = element.html.body  # the board's table (tables.board_html)
            headers = socket_.response.headers
        elapsed = (time.perf_counter() - start) * 1000
        prognos = "?"  # read after the clock has stopped
        if board:
            table = pd.read_html(StringIO(board), flavor="lxml")[0].astype(str)
            rows = table[table["Post"] == "Samordningsteam Västerås"].itertuples(index=False)
            prognos = _prognos([" | ".join(row) for row in rows])
        if cookie := headers.get("Set-Cookie"):
            self.cookie = cookie.split(";", 1)[0]
        return elapsed, (result, prognos), headers.get(PROCESS_HEADER, "en")


def _prognos(rows: list[str]) -> str:
    """Samordningsteam Västerås's prognos, before or after the import, in the text of its row
    as the page shows it (numbers with or without Swedish spaces and minus), or "?"."""
    text = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d)", "", " | ".join(rows)).replace("\u2212", "-")
    found = [f for f in ("-5000000", "-5100000") if re.search(rf"(?<!\d){f}(?![\d,.]*[1-9])", text)]
    return found[0] if len(found) == 1 else "?"


async def run(
    url: str,
    work: Path,
    sessions: int,
    visits: int,
    with_import: bool = True,
    editor_url: str | None = None,
    client: str = "webblasare",
) -> dict:
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def new_visitor() -> BrowserVisitor | SocketVisitor:
            return SocketVisitor() if client == "websocket" else BrowserVisitor(browser)

        alone = new_visitor()
        await alone.visit(url)  # the first visit fills the caches
        quiet = [(await alone.visit(url))[0] for _ in range(visits)]

        times: list[float] = []
        seen: list[tuple[str, str]] = []
        errors: list[str] = []
        served: Counter[str] = Counter()
        wandered: list[int] = []
        finished_after_import: list[tuple[str, str]] = []
        imported = asyncio.Event()

        async def visitor(n: int) -> None:
            me = new_visitor()
            mine: set[str] = set()
            done = seen_import = 0
            # Its visits, and then on until it has made one visit begun after the import.
            while done < visits or (with_import and not seen_import):
                done += 1
                started_after_import = imported.is_set()
                seen_import += started_after_import
                try:
                    elapsed, shown, backend = await me.visit(url)
                except Exception as exc:
                    errors.append(f"besökare {n}: {type(exc).__name__}: {str(exc)[:160]}")
                    continue
                times.append(elapsed)
                seen.append(shown)
                served[backend] += 1
                mine.add(backend)
                if started_after_import:
                    finished_after_import.append(shown)
            if len(mine) > 1:
                wandered.append(n)  # sticky sessions failed: one visitor, several processes

        async def editor() -> float:
            if not with_import:
                return 0.0
            await asyncio.sleep(3)  # the visitors are busy: now the editor imports
            try:
                return await import_month(browser, editor_url or url, work)
            except Exception as exc:
                errors.append(f"importen: {type(exc).__name__}: {str(exc)[:160]}")
                return 0.0
            finally:
                imported.set()  # saved (or failed): the visitors may finish

        *_, import_ms = await asyncio.gather(*(visitor(n) for n in range(sessions)), editor())
        await browser.close()
    mixed = [s for s in seen if s not in (BEFORE, AFTER)]
    return {
        "sessions": sessions,
        "visits_per_session": visits,
        "quiet_median_ms": round(statistics.median(quiet), 1),
        "load_median_ms": round(statistics.median(times), 1) if times else None,
        "load_ratio": round(statistics.median(times) / statistics.median(quiet), 2) if times else None,
        "import_ms": round(import_ms, 1),
        "visits": len(seen),
        "before": seen.count(BEFORE),
        "after": seen.count(AFTER),
        "mixed": len(mixed),
        # A visit begun after the import was saved must show it, whichever process serves it.
        "visits_begun_after_import": len(finished_after_import),
        "stale_after_import": sum(shown != AFTER for shown in finished_after_import),
        "visits_per_process": dict(served),
        "visitors_on_several_processes": len(wandered),
        "mixed_examples": mixed[:5],
        "error_count": len(errors),
        "errors": errors[:5],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="Belastningstest på localhost.")
    parser.add_argument("--sessions", type=int, default=20, help="samtidiga besökare (standard 20)")
    parser.add_argument("--visits", type=int, default=6, help="sidvisningar per besökare (standard 6)")
    parser.add_argument("--utan-import", action="store_true", help="bara besökare, ingen import")
    parser.add_argument(
        "--processer",
        type=int,
        choices=(1, 2),
        default=1,
        help="1: en process; 2: två läsarprocesser och en skrivarprocess bakom nginx (deploy/nginx.conf)",
    )
    parser.add_argument(
        "--klient",
        choices=("webblasare", "websocket"),
        default="webblasare",
        help="besökarna: Chromium-flikar (standard) eller websocket-klienter utan webbläsare",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="finsam-load-"))
    if args.processer == 2:
        with proxied_apps(work) as (url, editor_url):
            report = asyncio.run(
                run(url, work, args.sessions, args.visits, not args.utan_import, editor_url, args.klient)
            )
    else:
        with running_app(work) as url:
            report = asyncio.run(
                run(url, work, args.sessions, args.visits, not args.utan_import, client=args.klient)
            )
    report["processes"] = args.processer
    report["client"] = args.klient
    print(json.dumps(report, ensure_ascii=False))
    imported = report["after"] > 0 or args.utan_import
    ok = (
        report["mixed"] == 0
        and report["error_count"] == 0
        and report["stale_after_import"] == 0
        and report["visitors_on_several_processes"] == 0
    )
    if ok and imported:
        shutil.rmtree(work, ignore_errors=True)
        return 0
    print(f"Loggarna ligger kvar i {work}.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
