"""A gzip static server that counts the bytes it sends, request by request.

Chromium's own accounting misses requests made by web workers in some setups (Playwright's page
events do not see them), so page weight is counted where it cannot be missed: at the server,
as status line + headers + (compressed) body actually written to the socket.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from tests.support.browser import StaticSiteServer, _Handler


@dataclass(frozen=True)
class Sent:
    path: str  # as requested, without the query string
    status: int
    bytes: int  # everything written for this response


class _CountingWriter:
    def __init__(self, raw):
        self.raw = raw
        self.count = 0

    def write(self, data) -> int:
        self.count += len(data)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


class _CountingHandler(_Handler):
    sent: list[Sent]
    lock: threading.Lock

    def setup(self):
        super().setup()
        self.wfile = _CountingWriter(self.wfile)

    def handle_one_request(self):
        before = self.wfile.count
        self._status = 0
        super().handle_one_request()
        if getattr(self, "path", None) and self.wfile.count > before:
            with self.lock:
                self.sent.append(Sent(self.path.split("?")[0], self._status, self.wfile.count - before))

    def send_response(self, code, message=None):
        self._status = code
        super().send_response(code, message)


class CountingSiteServer(StaticSiteServer):
    """`with CountingSiteServer(site_dir) as server:` ... `server.take()` -> what was sent since the last take."""

    def __init__(self, root, extra_headers=None):
        super().__init__(root, extra_headers)
        handler = self.httpd.RequestHandlerClass
        # partial(handler class, directory=...): give the class its own log
        cls = type("CountingHandler", (_CountingHandler, handler.func), {"sent": [], "lock": threading.Lock()})
        self.httpd.RequestHandlerClass = type(handler)(cls, **handler.keywords)
        self._sent = cls.sent
        self._lock = cls.lock

    def take(self) -> list[Sent]:
        with self._lock:
            sent = list(self._sent)
            self._sent.clear()
        return sent
