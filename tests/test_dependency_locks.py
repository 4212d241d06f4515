"""The *.lock files that scripts/setup.sh installs (with --require-hashes) agree with the exact pins
people edit in requirements*.txt: `make lock` was run after the last edit. Read from the files
alone: no network, no resolver."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import metadata

import pytest

from tests.support.sites import ROOT

LOCKS = {  # lock -> the human-edited input it is compiled from (README "Dependencies")
    "requirements.lock": "requirements.txt",
    "requirements-dev.lock": "requirements-dev.txt",
    "requirements-properdocs.lock": "requirements-properdocs.txt",
}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def input_pins(name: str, seen: tuple[str, ...] = ()) -> dict[str, tuple[str, str]]:
    """package -> (version, the file that pins it), following `-r other.txt`."""
    assert name not in seen, f"{name} includes itself"
    pins: dict[str, tuple[str, str]] = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r "):
            pins.update(input_pins(line.removeprefix("-r ").strip(), (*seen, name)))
            continue
        match = PIN.match(line)
        assert match, f"{name}: {line!r} is not an exact pin (name==version)"
        pins[normal(match[1])] = (match[2], name)
    return pins


@dataclass
class Locked:
    version: str
    hashes: int = 0
    via: list[str] = field(default_factory=list)


def lock_entries(name: str) -> tuple[str, dict[str, Locked]]:
    """The pip-compile command in the lock's header, and package -> what the lock says of it."""
    text = (ROOT / name).read_text(encoding="utf-8")
    command = next(line.removeprefix("#    ") for line in text.splitlines() if line.startswith("#    pip-compile "))
    entries: dict[str, Locked] = {}
    current: Locked | None = None
    for line in text.splitlines():
        if match := PIN.match(line):
            current = entries[normal(match[1])] = Locked(match[2])
        elif current and line.strip().startswith("--hash=sha256:"):
            current.hashes += 1
        elif current and line.startswith("    # via"):
            current.via += [part.strip() for part in line.removeprefix("    # via").split(",") if part.strip()]
        elif current and line.startswith("    #   "):
            current.via.append(line.removeprefix("    #   ").strip())
    return command, entries


@pytest.mark.parametrize("lock", LOCKS)
def test_the_lock_is_compiled_from_its_input_with_hashes(lock):
    command, entries = lock_entries(lock)
    assert command.endswith(f" {LOCKS[lock]}") and f"--output-file={lock}" in command, command
    assert "--generate-hashes" in command and "--allow-unsafe" in command, command
    assert entries, f"{lock} pins nothing"
    assert [name for name, entry in entries.items() if entry.hashes == 0] == []


@pytest.mark.parametrize("lock", LOCKS)
def test_every_pin_people_edit_is_in_the_lock_at_that_version(lock):
    _, entries = lock_entries(lock)
    stale = {
        name: f"{source} pins {version}, {lock} has {entries[name].version if name in entries else 'nothing'}"
        for name, (version, source) in input_pins(LOCKS[lock]).items()
        if name not in entries or entries[name].version != version
    }
    assert stale == {}, "run `make lock` after editing requirements*.txt"


@pytest.mark.parametrize("lock", LOCKS)
def test_nothing_is_in_the_lock_that_no_pin_needs(lock):
    """Each locked package is pinned in an input or needed by another locked package: a pin removed
    from requirements*.txt leaves the lock too."""
    _, entries = lock_entries(lock)
    pins = input_pins(LOCKS[lock])
    orphans = []
    for name, entry in entries.items():
        needed_by = [via for via in entry.via if not via.startswith(("-r ", "-c "))]
        pinned_in = [via.removeprefix("-r ") for via in entry.via if via.startswith("-r ")]
        direct = name in pins and pins[name][1] in pinned_in
        if not direct and not any(normal(other) in entries for other in needed_by):
            orphans.append(name)
        if pinned_in and name not in pins:
            orphans.append(f"{name} (still marked as pinned in {', '.join(pinned_in)})")
    assert orphans == [], "run `make lock` after editing requirements*.txt"


def test_the_test_and_properdocs_locks_keep_the_sites_versions():
    """They are compiled with the site's lock as a constraint, so the tests run the site's exact packages."""
    _, site = lock_entries("requirements.lock")
    for lock in ("requirements-dev.lock", "requirements-properdocs.lock"):
        _, entries = lock_entries(lock)
        differ = {
            name: (site[name].version, entries[name].version)
            for name in site
            if entries.get(name, site[name]).version != site[name].version
        }
        assert differ == {}, lock
        assert set(site) <= set(entries), f"{lock} lacks {sorted(set(site) - set(entries))}"


def test_this_environment_has_the_locked_versions():
    """scripts/setup.sh --test installed requirements-dev.lock into the environment running the tests."""
    _, entries = lock_entries("requirements-dev.lock")
    installed = {normal(dist.metadata["Name"]): dist.version for dist in metadata.distributions()}
    differ = {
        name: (entry.version, installed.get(name)) for name, entry in entries.items() if installed.get(name) != entry.version
    }
    assert differ == {}, "run scripts/setup.sh --test"


def test_the_properdocs_environment_has_its_locked_versions_and_no_mkdocs():
    venv = ROOT / ".venv-properdocs"
    site_packages = next(venv.glob("lib/python*/site-packages"), None)
    assert site_packages, "run scripts/setup.sh --test: it creates .venv-properdocs"
    installed = {normal(dist.metadata["Name"]): dist.version for dist in metadata.distributions(path=[str(site_packages)])}
    _, entries = lock_entries("requirements-properdocs.lock")
    expected = {name: entry.version for name, entry in entries.items() if name != "mkdocs"}
    assert {name: installed.get(name) for name in expected} == expected
    assert "mkdocs" not in installed


def test_setup_installs_only_from_the_locks_with_hashes_required():
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    installs = [line.strip() for line in setup.splitlines() if "pip install" in line and not line.lstrip().startswith("#")]
    assert installs and all("--require-hashes -r" in line for line in installs), installs
    for lock in LOCKS:
        assert lock in setup, f"scripts/setup.sh does not install {lock}"
