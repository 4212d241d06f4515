"""Serve a built site like a real static host (gzip, 127.0.0.1 only), find a real Chromium, and open
many pages in it with their loads overlapping."""

from __future__ import annotations

import functools
import gzip
import itertools
import os
import shutil
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".txt", ".svg", ".map")

# Flags that keep Chromium from contacting outside hosts (see shared/TOOLS.md).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_executable() -> str | None:
    """The whole browser, for Lighthouse and the benchmarks: CLINIC_CHROMIUM, else Debian's chromium,
    else None (Playwright's own browser, if installed)."""
    named = os.environ.get("CLINIC_CHROMIUM")
    if named:
        return named
    return shutil.which("chromium") or shutil.which("chromium-browser")


def headless_chromium_executable() -> str | None:
    """The browser the tests drive: CLINIC_CHROMIUM, else Debian's chromium-headless-shell (the same
    Blink and V8 without the desktop browser around them, as Playwright itself uses for headless runs:
    a fresh context costs a quarter of the CPU, which is most of the suite's time), else the whole
    chromium."""
    if os.environ.get("CLINIC_CHROMIUM"):
        return os.environ["CLINIC_CHROMIUM"]
    return shutil.which("chromium-headless-shell") or chromium_executable()


@functools.lru_cache(maxsize=256)
def gzipped(body: bytes) -> bytes:
    """Compressed once per content (level 9, as a host precompresses): the tests load the same
    stylesheet and scripts hundreds of times."""
    return gzip.compress(body, compresslevel=9, mtime=0)


class _Handler(SimpleHTTPRequestHandler):
    extra_headers: Callable[[str], dict[str, str]] = staticmethod(lambda path: {})

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def end_headers(self):
        for name, value in self.extra_headers(self.path).items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirect to the slash form
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file():
            not_found = Path(self.directory) / "404.html"
            if not_found.is_file():
                body = not_found.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                return self._send_body(body, accepts_gzip)
            return super().send_head()
        if path.suffix not in COMPRESSIBLE or not accepts_gzip:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        return self._send_body(path.read_bytes(), accepts_gzip)

    def _send_body(self, body: bytes, accepts_gzip: bool):
        import io

        if accepts_gzip:
            body = gzipped(body)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a browser closed the page while it loaded (its test had moved on): nothing to report
        super().handle_error(request, client_address)


class StaticSiteServer:
    """`with StaticSiteServer(site_dir) as server: server.url` — gzip like a real host."""

    def __init__(self, root: Path, extra_headers: Callable[[str], dict[str, str]] | None = None):
        handler = type("Handler", (_Handler,), {})
        if extra_headers:
            handler.extra_headers = staticmethod(extra_headers)
        self.httpd = _Server(("127.0.0.1", 0), partial(handler, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def axe_violations(page, context=None, disabled_rules: tuple[str, ...] = ()) -> list[str]:
    """axe-core's violations on the page (or `context`, a selector or axe context), one line each
    naming the rule and the offending elements, so a failing test shows what to fix."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"resultTypes": ["violations"], "rules": {rule: {"enabled": False} for rule in disabled_rules}}
    results = Axe().run(page, context=context, options=options)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at " + ", ".join(" ".join(map(str, n["target"])) for n in v["nodes"])
        for v in results.response["violations"]
    ]


@dataclass
class OpenedPage:
    """A page in a fresh context (cold cache), with what it did while it loaded."""

    key: Any  # what the caller opened it for (a path, a screen, ...)
    context: BrowserContext
    page: Page
    requests: list[str] = field(default_factory=list)  # every URL it asked for
    errors: list[str] = field(default_factory=list)  # uncaught exceptions in its scripts
    console_errors: list[str] = field(default_factory=list)  # errors logged to the console


def open_page(browser: Browser, key: Any, url: str, options: dict[str, Any]) -> OpenedPage:
    """`url` starting to load in a fresh context, with what it does recorded."""
    context = browser.new_context(**options)
    page = context.new_page()
    opened = OpenedPage(key, context, page)
    page.on("request", lambda request: opened.requests.append(request.url))
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and opened.console_errors.append(message.text))
    page.goto(url, wait_until="commit")
    return opened


def opened_together(browser: Browser, visits: Iterable[tuple[Any, str, dict[str, Any]]], window: int = 6) -> Iterator[OpenedPage]:
    """Each (key, url, context options) as a page whose network has gone idle ('networkidle': the load
    event, then 500 ms without a request), handed out one at a time and closed when the caller asks
    for the next. Up to `window` pages load at once, so their idle waits overlap instead of adding up;
    what each page does is the same as when it is opened alone.

    A page whose network has not gone idle within Playwright's 30 s is loaded once more in a fresh
    context: on a fully loaded 2-core machine, one page in one run of the suite (of thousands of
    loads) never reported idle, and loaded normally when opened again. A page that hangs twice fails."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    todo = iter(visits)
    loading: deque[tuple[OpenedPage, str, dict[str, Any]]] = deque()

    def start() -> None:
        for key, url, options in itertools.islice(todo, 1):
            loading.append((open_page(browser, key, url, options), url, options))

    try:
        for _ in range(window):
            start()
        while loading:
            opened, url, options = loading.popleft()
            try:
                try:
                    opened.page.wait_for_load_state("networkidle")
                except PlaywrightTimeoutError:
                    opened.context.close()
                    opened = open_page(browser, opened.key, url, options)
                    opened.page.wait_for_load_state("networkidle")
                yield opened
            finally:
                opened.context.close()
            start()
    finally:
        for opened, _, _ in loading:
            opened.context.close()
