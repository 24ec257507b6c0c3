"""Browser harness: a real ``streamlit run app.py`` on a free port with a scratch database,
driven by Debian's Chromium through Playwright. Screenshots go to test-artifacts/."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
# Chromium's background services try the network, which is closed here.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str, proc: subprocess.Popen, seconds: float = 60) -> bool:
    """Wait until ``url`` answers Streamlit's health check (directly or through a proxy);
    False if ``proc`` ends or the time runs out first."""
    deadline = time.monotonic() + seconds
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


# The editors' password of the test apps; its hash goes into a secrets file of the test's own.
EDITOR_PASSWORD = "provlösenord för test"


@contextlib.contextmanager
def running_app(workdir: Path, port: int | None = None, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run ``streamlit run app.py`` on localhost (``port``, or a free one) with a scratch
    database and a secrets file (the editors' password hash) in ``workdir`` and ``env`` added
    to the environment; yield its URL once ``/_stcore/health`` answers."""
    from dashboard import auth

    port = port or _free_port()
    env = {**os.environ, "FINSAM_DB": str(workdir / "e2e.duckdb"), **(env or {})}
    secrets = workdir / "secrets.toml"
    secrets.write_text(
        f'[editors]\npassword_hash = "{auth.hash_password(EDITOR_PASSWORD)}"\n', encoding="utf-8"
    )
    log = open(workdir / f"streamlit-{port}.log", "w+")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--secrets.files",
            str(secrets),
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        if not healthy(url, proc):
            log.seek(0)
            pytest.fail(f"Streamlit did not start:\n{log.read()}")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One app for the whole session."""
    with running_app(tmp_path_factory.mktemp("app")) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # A projector-sized screen.
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


def wait_for_run(page: Page) -> None:
    """Wait until the app is connected and its script has finished, not for a guessed time."""
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=30_000)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=30_000)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=30_000)


def assert_no_exception(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def grid_text(page: Page, index: int = 0) -> list[str]:
    """The rows of a st.dataframe as text, from the table the grid keeps for screen readers
    (the grid itself is drawn on a canvas). Waits until the grid is drawn."""
    frame = page.get_by_test_id("stDataFrame").nth(index)
    expect(frame.locator("canvas").first).to_be_visible(timeout=30_000)
    expect(frame.locator("table tr").nth(1)).to_be_attached(timeout=30_000)
    return frame.locator("table tr").all_inner_texts()


def board_rows(page: Page) -> list[str]:
    """The rows of the board's table on Budget och utfall as a person reads them (an HTML
    table; no-break spaces read as spaces). Waits until the table is drawn."""
    rows = page.locator("table#T_per-post tr")
    expect(rows.nth(1)).to_be_attached(timeout=30_000)
    return [r.replace("\u00a0", " ") for r in rows.all_inner_texts()]


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
