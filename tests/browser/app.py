"""A dashboard process on 127.0.0.1 and a Chromium that may reach nothing else.

Shared by the browser tests (through their conftest) and by `benchmarks/scale.py`, which
measures the same dashboard the tests check.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("INCIDENT_ATLAS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RunningApp:
    """A dashboard process serving one articles folder."""

    def __init__(self, articles: Path, data: Path):
        self.articles = articles
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "INCIDENT_ATLAS_ARTICLES": str(articles),
            "INCIDENT_ATLAS_DATA": str(data),
        }
        self.log = data / "streamlit.log"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "dashboard.py"),
                "--server.headless=true",
                "--server.address=127.0.0.1",
                f"--server.port={self.port}",
                "--browser.gatherUsageStats=false",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        self._wait_until_healthy()

    def _wait_until_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dashboard exited early:\n{self.log.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.read() == b"ok":
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"dashboard not healthy after {timeout} s:\n{self.log.read_text()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def memory_kib(self) -> dict[str, int]:
        """The process's resident memory now (VmRSS) and at its peak (VmHWM), in KiB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        return {key: int(fields[key].split()[0]) for key in ("VmRSS", "VmHWM")}


def only_local(context: BrowserContext) -> list[str]:
    """Refuse every request of `context` that leaves 127.0.0.1; returns the refused addresses."""
    refused: list[str] = []

    def route(route) -> None:
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    return refused


# Markers on the map: single circles, plus the number each cluster icon stands for.
COUNT_MARKERS = """
() => {
    let count = document.querySelectorAll("path[class*='incident-']").length;
    document.querySelectorAll(".marker-cluster").forEach(c => {
        count += parseInt(c.textContent, 10) || 0;
    });
    return count;
}
"""


def markers_on_map(page: Page) -> int | None:
    """How many incidents the map shows now, clustered or not; None while it is not there."""
    try:
        handle = page.locator(MAP_FRAME).element_handle(timeout=1_000)
        frame = handle.content_frame()
        return frame.evaluate(COUNT_MARKERS) if frame else None
    except PlaywrightError:  # no map yet, or its iframe is being replaced
        return None


def wait_for_markers(page: Page, count: int, timeout: float) -> float:
    """Seconds until the map shows exactly `count` incidents."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if markers_on_map(page) == count:
            return time.perf_counter() - start
        page.wait_for_timeout(10)
    raise TimeoutError(f"the map did not show {count} incidents in {timeout} s")


# Event ids of the circles a person can click now: on screen, not under another circle or a
# control, and clear of the map's top edge (the page's fixed header can cover it).
CLICKABLE = """
() => [...document.querySelectorAll("path[class*='incident-']")].filter(path => {
    const box = path.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    return x > 10 && y > 70 && x < innerWidth - 10 && y < innerHeight - 10
        && document.elementFromPoint(x, y) === path;
}).map(path => [...path.classList].find(c => c.startsWith("incident-")).slice(9))
"""


def clickable_markers(page: Page) -> list[str]:
    """Event ids of the single circles on screen that a click would reach."""
    frame = page.locator(MAP_FRAME).element_handle().content_frame()
    return frame.evaluate(CLICKABLE) if frame else []


def open_cluster(page: Page, *, largest: bool = True) -> bool:
    """Click the largest (or smallest) cluster, and the map zooms in on it; False if none."""
    clusters = page.frame_locator(MAP_FRAME).locator(".marker-cluster")
    for attempt in range(_CLUSTER_CLICKS):
        sizes = clusters.evaluate_all("els => els.map(e => parseInt(e.textContent, 10))")
        if not sizes:
            return False
        target = clusters.nth(sizes.index(max(sizes) if largest else min(sizes)))
        try:
            target.click(force=True, timeout=5_000)
            break
        except PlaywrightTimeoutError:
            # The map redrew its clusters between the count and the click (it was still
            # settling after the last zoom): count again.
            if attempt == _CLUSTER_CLICKS - 1:
                raise
    page.wait_for_timeout(700)
    return True


_CLUSTER_CLICKS = 3
