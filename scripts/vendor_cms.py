#!/usr/bin/env python3
"""Copy the web editor's browser files from the pinned npm packages into docs/admin/vendor/.

`make vendor-cms` runs this after a pin in package.json changed (and `npm ci`). The files are
committed so that `make serve` and `make build` need only Python; `--check` (run by the tests)
fails when a vendored file differs from the pinned package's or one is missing or left over.

Each file keeps its path inside its package: node_modules/decap-cms/dist/decap-cms.js is vendored
as docs/admin/vendor/decap-cms/dist/decap-cms.js.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR_DIR = "docs/admin/vendor"

# Per package: the files the browser loads (source maps left out), and the licence texts.
PACKAGES = {
    # decap-cms.js loads its numbered chunks and WebAssembly files from its own folder on demand;
    # cms.js is the same program built under another name.
    "decap-cms": ("dist/decap-cms.js", "dist/decap-cms.js.LICENSE.txt", "dist/*.decap-cms.js", "dist/*.wasm"),
    # The YAML library of our front matter format (docs/admin/front-matter.js): ES modules.
    "yaml": ("browser/package.json", "browser/dist/**/*.js", "LICENSE"),
}
# Written by us, not copied: the licence of a package that ships none (decap-cms is MIT licensed).
OWN_FILES = {"decap-cms/LICENSE"}


def expected_files(root: Path = ROOT) -> dict[str, Path]:
    """Each vendored file (relative to docs/admin/vendor) and the installed package file it copies."""
    files = {}
    for package, patterns in PACKAGES.items():
        installed = root / "node_modules" / package
        if not (installed / "package.json").is_file():
            raise SystemExit(f"node_modules/{package} is missing: run `npm ci` first (make test does it).")
        for pattern in patterns:
            for source in sorted(installed.glob(pattern)):
                files[f"{package}/{source.relative_to(installed).as_posix()}"] = source
    return files


def differences(root: Path = ROOT) -> list[str]:
    """What differs between docs/admin/vendor and the pinned packages, one sentence each."""
    vendor = root / VENDOR_DIR
    expected = expected_files(root)
    found = {p.relative_to(vendor).as_posix() for p in vendor.rglob("*") if p.is_file()} - OWN_FILES
    problems = [f"{VENDOR_DIR}/{name} is missing" for name in sorted(expected.keys() - found)]
    problems += [f"{VENDOR_DIR}/{name} is not in the pinned packages" for name in sorted(found - expected.keys())]
    for name in sorted(expected.keys() & found):
        if (vendor / name).read_bytes() != expected[name].read_bytes():
            problems.append(f"{VENDOR_DIR}/{name} differs from node_modules/{name.split('/', 1)[0]}")
    return problems


def vendor(root: Path = ROOT) -> None:
    target = root / VENDOR_DIR
    for package in PACKAGES:
        own = {name: (target / name).read_bytes() for name in OWN_FILES if name.startswith(package + "/")}
        shutil.rmtree(target / package, ignore_errors=True)
        for name, text in own.items():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(text)
    for name, source in expected_files(root).items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target / name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if the vendored files differ")
    parser.add_argument("--root", type=Path, default=ROOT, help="the site's folder (the one with package.json)")
    args = parser.parse_args(argv)
    if not args.check:
        vendor(args.root)
    if problems := differences(args.root):
        print("Vendored web editor files are out of date (run `make vendor-cms`):", *problems, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
