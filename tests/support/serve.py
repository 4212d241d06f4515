"""Run the real `mkdocs serve` on a project copy, as an editor previews it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

PREVIEW = Path(__file__).resolve().parents[2] / "scripts" / "preview.py"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LivePreview:
    """`with LivePreview(project) as preview: preview.url` — mkdocs serve on 127.0.0.1, a free port."""

    def __init__(self, project: Path, env: dict | None = None):
        self.project = project
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
        self.lines: list[str] = []
        self.process: subprocess.Popen | None = None

    @property
    def log(self) -> str:
        return "".join(self.lines)

    def __enter__(self) -> LivePreview:
        command = [
            sys.executable,
            str(PREVIEW),  # what `make serve` runs
            "-f",
            str(self.project / "mkdocs.yml"),
            "--dev-addr",
            f"127.0.0.1:{self.port}",
        ]
        self.process = subprocess.Popen(
            command, cwd=self.project, env=self.env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_until(lambda: "Serving on" in self.log, "the preview to start")
        return self

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def wait_until(self, condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if self.process.poll() is not None:
                raise AssertionError(f"mkdocs serve stopped while waiting for {what}:\n{self.log}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}:\n{self.log}")
            time.sleep(0.2)

    def html(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read().decode("utf-8")

    def wait_for_html(self, path: str, condition: Callable[[str], bool], what: str) -> str:
        """Poll a page until the rebuilt version satisfies `condition`."""
        seen = {}

        def check() -> bool:
            try:
                seen["html"] = self.html(path)
            except TimeoutError:  # `mkdocs serve` answers once its rebuild ends: slow on a busy machine
                return False
            return condition(seen["html"])

        self.wait_until(check, what)
        return seen["html"]
