"""Per-file check results kept between the live preview's rebuilds.

At 1,000 treatments reading and checking every file takes seconds, yet an edit changes one file.
In the preview (`make serve`) the costly per-file steps (decoding and shape checks of a page,
parsing its front matter, validating a treatment, the claims check) remember their result keyed
by exactly what they read: the file's text and path, and the loaded vocabularies or claim rules,
which are themselves remembered by their file's text, so an unchanged file gives the same object.

The memory lives in this module, which the hook drops and re-imports when any of its code
changes (hooks/clinic_site_hook.py `reload_clinic_site`), so results never outlive the code that
made them. Only results of the latest build are kept. `mkdocs build` (one build per process)
does not use it: `enabled` stays False.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

enabled = False  # set by the preview (site_build.SiteBuild with serving=True)


class Memo:
    """Results of one step, by key; entries not asked for during a build are forgotten after the next."""

    def __init__(self) -> None:
        self.current: dict[Hashable, Any] = {}
        self.previous: dict[Hashable, Any] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        if not enabled:
            return compute()
        if key in self.current:
            return self.current[key]
        value = self.previous[key] if key in self.previous else compute()
        self.current[key] = value
        return value

    def next_build(self) -> None:
        self.previous, self.current = self.current, {}


_MEMOS: dict[str, Memo] = {}


def memo(name: str) -> Memo:
    return _MEMOS.setdefault(name, Memo())


def start_build(serving: bool) -> None:
    """Called once per build, before any file is read."""
    global enabled
    enabled = serving
    for each in _MEMOS.values():
        each.next_build()


def remembered(name: str, key: Hashable, compute: Callable[[], T]) -> T:
    """compute(), or its result from this or the previous build for the same key (preview only).
    A step that raises is not remembered: it runs again next time (and reports again)."""
    return memo(name).get(key, compute)


_LATEST: dict[str, dict[Hashable, tuple[Hashable, Any]]] = {}


def latest(name: str, slot: Hashable, key: Hashable, compute: Callable[[], T]) -> T:
    """compute(), or the last result for `slot` (e.g. a page's address) if it was made for the same key
    (preview only). For steps that run only for the pages a partial rebuild writes: a result is kept
    until its slot is computed again, however many builds leave that page alone."""
    if not enabled:
        return compute()
    results = _LATEST.setdefault(name, {})
    kept = results.get(slot)
    if kept is not None and kept[0] == key:
        return kept[1]
    value = compute()
    results[slot] = (key, value)
    return value


def identity(value: object) -> Hashable:
    """A key part standing for one object (loaded vocabularies, claim rules, a parsed front matter):
    it holds the object, so its id is never reused while a key refers to it."""
    return _Same(value)


class _Same:
    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.value is self.value


def file_bytes(path) -> bytes | None:
    """A key part for a step that reads the file at `path` (None when it cannot be read: the step
    then runs and reports that itself)."""
    try:
        return path.read_bytes()
    except OSError:
        return None
