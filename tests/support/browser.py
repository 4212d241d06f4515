"""Serve a built site like a real static host (gzip, 127.0.0.1 only) and find a real Chromium."""

from __future__ import annotations

import gzip
import os
import shutil
import threading
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self

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
    """CLINIC_CHROMIUM, else Debian's chromium, else None (Playwright's own browser, if installed)."""
    named = os.environ.get("CLINIC_CHROMIUM")
    if named:
        return named
    return shutil.which("chromium") or shutil.which("chromium-browser")


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
            body = gzip.compress(body, compresslevel=9, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


class StaticSiteServer:
    """`with StaticSiteServer(site_dir) as server: server.url` — gzip like a real host."""

    def __init__(self, root: Path, extra_headers: Callable[[str], dict[str, str]] | None = None):
        handler = type("Handler", (_Handler,), {})
        if extra_headers:
            handler.extra_headers = staticmethod(extra_headers)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
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
