"""A hostile mkdocs.yml stops MkDocs with a message instead of hanging it.

MkDocs reads mkdocs.yml before any hook event, then formats every setting for its debug log
(even when that log is off), which expands a YAML alias bomb: `mkdocs build` hung for minutes.
The hook file is imported while MkDocs checks the settings, after parsing and before that log,
so `check_settings_being_loaded`, called from the hook's top level, checks the file MkDocs is
loading (found on the call stack: MkDocs tells a hook nothing else at import time) with the
project's YAML limits, and refuses it as a settings error naming the file and line.

Brackets nested thousands deep crash MkDocs' YAML parser before the hook is imported: `make
build`, `make serve` and `make publish` check the file first (scripts/check_mkdocs_yml.py).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from types import FrameType

from mkdocs.config.base import Config, ValidationError

from clinic_site import yaml_limits


def _settings_being_loaded() -> Config | None:
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        candidate = frame.f_locals.get("self")
        if isinstance(candidate, Config) and getattr(candidate, "config_file_path", None):
            return candidate
        frame = frame.f_back
    return None


def _expanded_size(value, seen: dict[int, int], budget: int) -> int:
    """How many values `value` holds with shared (aliased) parts counted each time, up to `budget`."""
    if not isinstance(value, (Mapping, list, tuple)):
        return 1
    if id(value) in seen:
        return seen[id(value)]
    size = 1
    for item in value.values() if isinstance(value, Mapping) else value:
        size += _expanded_size(item, seen, budget)
        if size > budget:
            break
    seen[id(value)] = size
    return size


def check_settings_being_loaded() -> None:
    """Raise MkDocs' ValidationError if the settings file being loaded is over the YAML limits."""
    settings = _settings_being_loaded()
    path = Path(settings.config_file_path) if settings is not None else None
    if settings is None or path is None or not path.is_file():
        return
    try:
        yaml_limits.check(path.read_text(encoding="utf-8", errors="replace"))
    except yaml_limits.YamlLimitError as error:
        # MkDocs goes on to write every setting into its debug log before it stops: empty the
        # ones that expand beyond the limit, so that costs nothing.
        seen: dict[int, int] = {}
        for key in list(settings.keys()):
            value = settings[key]
            if _expanded_size(value, seen, yaml_limits.MAX_VALUES) > yaml_limits.MAX_VALUES:
                settings[key] = {} if isinstance(value, Mapping) else []
        where = f", line {error.problem_mark.line + 1}" if error.problem_mark is not None else ""
        raise ValidationError(f"{path.name}{where}: {error.problem}") from None
