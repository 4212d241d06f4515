"""Hostile inputs against a real `mkdocs build --strict`: how each ends, and how long it takes.

    .venv/bin/python benchmarks/hostile_inputs.py [--only NAME]

Each input is applied to a fresh copy of the demo project; the script prints one row per input:
the outcome (refused with a message naming the file, or built with the value escaped), the
seconds the build took, and the first line of the message. The goal (issue 11): every refusal in
well under five seconds, with the file named and no traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("CLINIC_TODAY", "2026-11-21")

from tests.support.sites import build, copy_project  # noqa: E402

PAGE = "docs/treatments/prp.md"


def append(path: str, text: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        (project / path).write_text((project / path).read_text(encoding="utf-8") + text, encoding="utf-8")

    return edit


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        text = (project / path).read_text(encoding="utf-8")
        assert old in text, (path, old)
        (project / path).write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def replace_line(path: str, starts: str, new: str) -> Callable[[Path], None]:
    """The first line starting with `starts` (e.g. a field of the front matter) becomes `new`."""

    def edit(project: Path) -> None:
        lines = (project / path).read_text(encoding="utf-8").split("\n")
        number = next(i for i, line in enumerate(lines) if line.startswith(starts))
        lines[number] = new
        (project / path).write_text("\n".join(lines), encoding="utf-8")

    return edit


def symlink(target: str, name: str) -> Callable[[Path], None]:
    return lambda project: os.symlink(target, project / name)


def alias_bomb(indent: str = "") -> str:
    lines = [f"{indent}l0: &l0 [{', '.join(['lol'] * 9)}]"]
    lines += [f"{indent}l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 9)]
    return "\n".join(lines) + "\n"


def write_bytes(path: str, content: bytes) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        (project / path).write_bytes(content)

    return edit


def write(path: str, content: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        (project / path).write_text(content, encoding="utf-8")

    return edit


# (name, the file that must be named, edit); an expected file of None means the build must pass.
INPUTS: list[tuple[str, str | None, Callable[[Path], None]]] = [
    ("title with markup", PAGE, replace(PAGE, "title: Platelet-rich plasma (PRP)", "title: '<img src=x onerror=alert(1)>'")),
    (
        "payload in description",
        PAGE,
        replace_line(
            PAGE,
            "description:",
            'description: \'PRP, our "vampire facial" "><script>alert(1)</script><img src=x onerror=alert(2)>\'',
        ),
    ),
    ("script in Markdown", PAGE, append(PAGE, "\n<script>alert(1)</script>\n")),
    ("attr_list onclick", PAGE, append(PAGE, '\nClick here\n{: onclick="alert(1)" }\n')),
    ("javascript: link", PAGE, append(PAGE, "\n[book](javascript:alert(1))\n")),
    ("entity-obfuscated javascript:", PAGE, append(PAGE, '\n<a href="&#106;ava&#x09;script&colon;alert(1)">x</a>\n')),
    ("iframe srcdoc", PAGE, append(PAGE, '\n<iframe srcdoc="<script>alert(1)</script>"></iframe>\n')),
    ("inline SVG with script", PAGE, append(PAGE, "\n<svg><script>alert(1)</script></svg>\n")),
    ("noscript mutation", PAGE, append(PAGE, '\n<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>\n')),
    ("comment --!> bypass", PAGE, append(PAGE, "\n<!--x--!><img src=x onerror=alert(1)>\n")),
    ("tracking pixel", PAGE, append(PAGE, "\n![x](https://tracker.example/p.gif)\n")),
    (
        "onclick in concern introduction",
        "data/concerns/acne-scars.md",
        append("data/concerns/acne-scars.md", '\n<b onclick="alert(1)">x</b>\n'),
    ),
    (
        "booking_url javascript:",
        "mkdocs.yml",
        replace("mkdocs.yml", "booking_url: consultation/", "booking_url: javascript:alert(1)"),
    ),
    ("malformed email", "mkdocs.yml", replace("mkdocs.yml", "email: hello@example.org", "email: 'x@y\"><script>'")),
    (
        "nav link javascript:",
        "mkdocs.yml",
        replace("mkdocs.yml", "nav:\n", "nav:\n  - Evil: javascript:alert(1)\n"),
    ),
    (
        "nav title with markup",
        "mkdocs.yml",
        replace("mkdocs.yml", "nav:\n", "nav:\n  - '<svg onload=alert(1)>': privacy.md\n"),
    ),
    (
        "site_name with markup",
        "mkdocs.yml",
        replace("mkdocs.yml", "site_name: Willow Skin Clinic", "site_name: '<img src=x onerror=alert(1)>'"),
    ),
    (
        "external extra_javascript",
        "mkdocs.yml",
        replace("mkdocs.yml", "extra_css:", "extra_javascript: ['https://cdn.example/x.js']\nextra_css:"),
    ),
    (
        "vocabulary label with markup",
        "data/vocabulary.yml",
        replace("data/vocabulary.yml", "label: Acne scars", "label: <img src=x onerror=alert(1)>"),
    ),
    (
        "analytics, unknown provider",
        "mkdocs.yml",
        replace("mkdocs.yml", "extra:\n", "extra:\n  analytics: {provider: custom}\n  consent: {title: C, description: D}\n"),
    ),
    ("symlink to /proc/self/environ", "docs/environ.txt", symlink("/proc/self/environ", "docs/environ.txt")),
    ("symlink to ../mkdocs.yml", "docs/settings.md", symlink("../mkdocs.yml", "docs/settings.md")),
    ("dangling symlink", "docs/gone.md", symlink("nowhere.md", "docs/gone.md")),
    ("symlink loop", "docs/loop", symlink(".", "docs/loop")),
    ("symlink in data/", "data/concerns/texture.md", symlink("/etc/hostname", "data/concerns/texture.md")),
    ("named pipe in docs/", "docs/pipe.md", lambda project: os.mkfifo(project / "docs" / "pipe.md")),
    ("file name with markup", "docs/<img src=x onerror=alert(1)>.md", write("docs/<img src=x onerror=alert(1)>.md", "# Hi\n")),
    (
        "SVG with script",
        "docs/images/evil.svg",
        write("docs/images/evil.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ),
    ("HTML file in docs/", "docs/landing.html", write("docs/landing.html", "<script>alert(1)</script>")),
    ("2 MB page", "docs/huge.md", write("docs/huge.md", "x" * 2_000_000)),
    ("page not in UTF-8", "docs/latin1.md", write_bytes("docs/latin1.md", b"# Caf\xe9\n")),
    ("alias bomb in front matter", PAGE, replace(PAGE, "---\ntitle:", "---\n" + alias_bomb() + "title:")),
    ("50,000-deep front matter", PAGE, replace(PAGE, "---\ntitle:", "---\nx: " + "[" * 50_000 + "]" * 50_000 + "\ntitle:")),
    ("5,000-digit number", PAGE, replace(PAGE, "  order: 50", "  order: " + "9" * 5_000)),
    (
        "alias bomb in data/vocabulary.yml",
        "data/vocabulary.yml",
        replace("data/vocabulary.yml", "categories:\n", "categories:\n" + alias_bomb("  ")),
    ),
    ("deep nesting in data/claims.yml", "data/claims.yml", append("data/claims.yml", "x: " + "[" * 50_000 + "]" * 50_000 + "\n")),
    ("alias bomb in mkdocs.yml", "mkdocs.yml", replace("mkdocs.yml", "extra:\n", "extra:\n" + alias_bomb("  "))),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only inputs whose name contains this")
    args = parser.parse_args()
    failures = ran = 0
    print(f"{'input':38} {'outcome':10} {'seconds':>7}  message")
    with tempfile.TemporaryDirectory() as scratch:
        for index, (name, named_file, edit) in enumerate(INPUTS):
            if args.only and args.only not in name:
                continue
            ran += 1
            project = copy_project(Path(scratch) / f"p{index}")
            edit(project)
            started = time.monotonic()
            result = build(project)
            seconds = time.monotonic() - started
            problems = [line.strip() for line in result.output.splitlines() if line.strip().startswith("- ") and ": " in line]
            message = (
                problems[0][2:]
                if problems
                else next(
                    (line for line in result.output.splitlines() if "ERROR" in line), result.output.strip().splitlines()[-1]
                )
            )
            if named_file is None:
                ok = result.ok
                outcome = "built" if result.ok else "FAILED"
            else:
                ok = not result.ok and named_file in result.output and "Traceback" not in result.output and seconds < 5
                outcome = "refused" if ok else "NOT OK"
            failures += not ok
            print(f"{name:38} {outcome:10} {seconds:7.2f}  {message[:150]}")
    print(f"{failures} of {ran} inputs did not end as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
