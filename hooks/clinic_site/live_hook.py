"""Edits to the hook file itself reach a running `mkdocs serve`.

MkDocs imports a hook file once per process (its loader is cached) and registers the module's
`on_*` functions for each build, so an edit to hooks/clinic_site_hook.py used to do nothing
until the preview was restarted. `reload_if_changed`, called at the start of a preview build,
runs the edited file in the hook's own module (so the next builds register the new functions
too) and puts the new functions in place of the old ones in this build's event lists. An edit
that cannot be loaded (a syntax error, a failing import) leaves the previous version running,
and the preview says so.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

from clinic_site.problems import ContentProblem

SOURCE_ATTRIBUTE = "_clinic_loaded_source"  # the text the module's code was loaded from
KEPT_ACROSS_RELOADS = ("serving",)  # set once by on_startup, which MkDocs does not run again


def remember_source(module_globals: dict) -> None:
    """Call from the hook file's top level."""
    module_globals[SOURCE_ATTRIBUTE] = Path(module_globals["__file__"]).read_bytes()


def reload_if_changed(module: ModuleType, config, shown_as: str) -> tuple[bool, ContentProblem | None]:
    """(whether the module now runs edited code, a problem to show if the edit could not be loaded)."""
    path = Path(module.__file__)
    try:
        source = path.read_bytes()
    except OSError:
        return False, None
    if source == getattr(module, SOURCE_ATTRIBUTE, None):
        return False, None
    before = dict(module.__dict__)
    old_events = {name: value for name, value in before.items() if name.startswith("on_") and callable(value)}
    sys.path.insert(0, str(path.parent))
    try:
        exec(compile(source, str(path), "exec"), module.__dict__)
    except Exception as error:  # noqa: BLE001 (any failure of the editor's code is reported, not raised)
        module.__dict__.clear()
        module.__dict__.update(before)
        line = getattr(error, "lineno", None)
        return False, ContentProblem(
            shown_as,
            "(code)",
            f"the edited hook could not be loaded ({type(error).__name__}: {error}), so the preview still runs the "
            "version it started with",
            "fix the error and save; or stop the preview (Ctrl+C) and run make serve again",
            line=line if isinstance(line, int) else None,
        )
    finally:
        sys.path.remove(str(path.parent))
    for name in KEPT_ACROSS_RELOADS:
        if name in before:
            module.__dict__[name] = before[name]
    module.__dict__[SOURCE_ATTRIBUTE] = source
    _swap_events(config.plugins, old_events, module)
    return True, None


def _swap_events(plugins, old_events: dict, module: ModuleType) -> None:
    """Replace the old functions in this build's event lists by the new ones, in place."""
    by_old = {id(function): name for name, function in old_events.items()}
    for event, functions in plugins.events.items():
        for index in range(len(functions) - 1, -1, -1):
            name = by_old.get(id(functions[index]))
            if name is None:
                continue
            replacement = getattr(module, name, None)
            if callable(replacement):
                functions[index] = replacement
            else:
                del functions[index]  # the edit removed this event
    origin = next((plugins._event_origins.get(f) for f in old_events.values() if f in plugins._event_origins), None)
    for name in dir(module):
        if name.startswith("on_") and name not in old_events and callable(function := getattr(module, name)):
            plugins._register_event(name[3:], function, plugin_name=origin)
