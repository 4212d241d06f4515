#!/usr/bin/env python3
"""Edit the site in the web editor on your own machine: `make cms` runs this.

Starts two programs, both reachable from this computer only (127.0.0.1), and stops both on Ctrl+C:

- the live preview (`mkdocs serve`) on port 8000, which also serves the web editor at /admin/;
- Decap CMS's local backend (decap-server, from npm), which saves the editor's changes straight
  into the files in docs/ instead of sending them to GitHub.

Nothing is published: the changed files are yours to review and commit as usual.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from clinic_site.cms_config import LOCAL_PORT_VARIABLE  # noqa: E402

DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"


def backend_environment(root: Path, port: int) -> dict[str, str]:
    """decap-server's settings: its own files' folder, this machine only, files rather than git."""
    return {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(root),
        "LOG_LEVEL": "warn",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000, help="the preview's port (default 8000)")
    parser.add_argument("--backend-port", type=int, default=8081, help="the local backend's port (default 8081)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the site's folder (the one with mkdocs.yml)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if shutil.which("node") is None:
        print("The web editor's local mode needs Node.js 20 or later (https://nodejs.org/).", file=sys.stderr)
        return 1
    if not DECAP_SERVER.is_file():
        print("Installing the web editor's local backend (decap-server) with npm, once")
        subprocess.run(["npm", "ci", "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT, check=True)
    backend = subprocess.Popen(["node", str(DECAP_SERVER)], cwd=root, env=backend_environment(root, args.backend_port))
    preview_env = {**os.environ, LOCAL_PORT_VARIABLE: str(args.backend_port), "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = [  # the live preview (scripts/preview.py: mkdocs.yml checked before every reload)
        str(ROOT / ".venv" / "bin" / "python"),
        str(ROOT / "scripts" / "preview.py"),
        "-f",
        str(root / "mkdocs.yml"),
        "--dev-addr",
        f"127.0.0.1:{args.port}",
    ]
    preview = subprocess.Popen(mkdocs, cwd=root, env=preview_env)
    print(f"\nThe web editor: http://127.0.0.1:{args.port}/admin/  (the preview: http://127.0.0.1:{args.port}/)")
    print("Changes are saved into the files in docs/. Stop with Ctrl+C.\n")
    try:
        while backend.poll() is None and preview.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for process in (preview, backend):
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in (preview, backend):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
