#!/usr/bin/env python3
"""The editors' live preview: `mkdocs serve`, which never leaves the browser waiting.

    make serve            (or: .venv/bin/python scripts/preview.py [--dev-addr 127.0.0.1:8000])

Content problems already show on the affected page (the hook's problem panel). But when mkdocs.yml
itself cannot be read (a YAML mistake), the hook's code does not load, or a build must stop (a
symbolic link in docs/), `mkdocs serve` leaves every open browser tab waiting with no word of what is wrong.
Here such a rebuild replaces every page of the preview with a page that says what is wrong and where;
the browser reloads to it, and reloads again to the site once the file is fixed. Edits to the hook
file itself apply at the next rebuild (plain `mkdocs serve` keeps the first version it loaded).

After the first complete build, rebuilds are dirty: MkDocs writes only the pages the hook marks as
modified (hooks/clinic_site/page_dependencies.py), and when the hook says a page left alone may show
what changed, a clean build follows at once.
"""

from __future__ import annotations

import gc
import html
import logging
import os
import sys
import threading
from pathlib import Path

import mkdocs.commands.serve as mkdocs_serve
from mkdocs.__main__ import cli
from mkdocs.config.config_options import Hooks

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_mkdocs_yml import problem as settings_problem

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>The preview cannot be built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem">
<h1>The preview cannot be built</h1>
<p>Only you see this page. The site's settings or code could not be read, so nothing can be shown
until this is fixed. The preview updates by itself when you save the file.</p>
<pre style="white-space: pre-wrap; background: #fdecea; padding: 1rem">{message}</pre>
<p>Most often this is a mistake in <code>mkdocs.yml</code>: check the line named above for indenting
(two spaces per level, no tabs) and for a value containing ': ' that needs quotes. EDITING.md explains
each message.</p>
</body></html>
"""


class _ErrorsLogged(logging.Handler):
    """MkDocs logs what is wrong with a configuration, then raises a short 'Aborted' error."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class SettingsRefused(Exception):
    """mkdocs.yml failed scripts/check_mkdocs_yml.py, so MkDocs must not read it."""


class BrokenConfig:
    """Stands in for the configuration when mkdocs.yml or the hook cannot be loaded."""

    def __init__(self, error: BaseException, site_dir: str, logged: list[str]):
        self.error = error
        self.logged = logged
        self.site_dir = site_dir
        self.watch: list[str] = []
        self.site_url = None


def error_message(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    if isinstance(error, SyntaxError) and error.filename:
        text = f"{error.filename}, line {error.lineno}: {error.msg}"
    return text


def show_error_on_every_page(broken: BrokenConfig) -> None:
    forget_what_was_built()
    message = "\n".join([*broken.logged, error_message(broken.error)])
    page = PAGE.format(message=html.escape(message)).encode("utf-8")
    site = Path(broken.site_dir)
    pages = list(site.rglob("*.html")) or [site / "index.html"]
    for path in pages:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(page)


def clean_rebuild_wanted() -> bool:
    """The hook's verdict on the partial rebuild that just ran (clinic_site.page_dependencies)."""
    return bool(getattr(sys.modules.get("clinic_site.page_dependencies"), "clean_rebuild_wanted", False))


def forget_what_was_built() -> None:
    """Drop the hook's memory of the pages it wrote (clinic_site.page_dependencies): they were
    replaced by the error page, so the next build must write every page again."""
    if (dependencies := sys.modules.get("clinic_site.page_dependencies")) is not None:
        dependencies.take_memory()


IDLE_SECONDS = 2.0  # without a new edit for this long after a rebuild, the preview collects garbage


def collect_garbage_while_idle() -> None:
    """Collect the cyclic garbage of the rebuilds so far, then freeze what survives (`gc.freeze`):
    the pages, models and results the preview keeps between rebuilds, over a million objects at
    1,000 treatments. Left to itself, Python rescans them all in a full collection about every
    second rebuild, which cost a second of that rebuild; frozen, they are not scanned at all. Run
    once the preview has had no edit for IDLE_SECONDS after a rebuild (the collection takes up to
    a second, which a rebuild should not wait for); unfrozen first, so what the last rebuild let
    go of is collected, not kept."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def install() -> None:
    """Wrap the two functions `mkdocs serve` rebuilds with, once the first build has loaded."""
    real_load_config, real_build = mkdocs_serve.load_config, mkdocs_serve.build
    loaded_once = False
    idle: threading.Timer | None = None  # the pending collection (collect_garbage_while_idle)
    built_once = False  # after the first complete build, rebuilds are dirty: the hook marks what changed
    last_load: dict = {}

    def load_config(**kwargs):
        nonlocal loaded_once
        # MkDocs caches hook modules for the life of the process; forget them so an edit to the hook
        # file applies at the next rebuild (and a mistake in it is shown, not ignored).
        Hooks._load_hook.cache_clear()
        said = _ErrorsLogged()
        logging.getLogger("mkdocs").addHandler(said)
        try:
            config_file = kwargs.get("config_file")
            if message := settings_problem(Path(config_file if isinstance(config_file, str) else "mkdocs.yml")):
                raise SettingsRefused(message)  # before MkDocs parses it: it would hang, crash or run code
            config = real_load_config(**kwargs)
        except BaseException as error:  # any failure: a YAML mistake, a hook that does not import
            if not loaded_once or isinstance(error, KeyboardInterrupt):
                raise  # at start-up MkDocs prints the message and stops, as usual
            print(f"The preview cannot be built: {error_message(error)}", file=sys.stderr)
            return BrokenConfig(error, kwargs["site_dir"], said.messages)
        finally:
            logging.getLogger("mkdocs").removeHandler(said)
        loaded_once = True
        last_load.clear()
        last_load.update(kwargs)
        return config

    def build(config, **kwargs):
        nonlocal built_once, idle
        if idle is not None:
            idle.cancel()  # an edit came first: this rebuild runs now, the collection after it
        if isinstance(config, BrokenConfig):
            built_once = False  # the error page replaced every page: the next build writes them all
            show_error_on_every_page(config)
            return
        said = _ErrorsLogged()
        logging.getLogger("mkdocs").addHandler(said)
        try:
            # Dirty: MkDocs writes only the pages whose File.is_modified() is true, which the hook
            # decides (hooks/clinic_site/page_dependencies.py), rebuilding everything when in doubt.
            real_build(config, **{**kwargs, "dirty": built_once})
            if built_once and clean_rebuild_wanted():  # a page not rebuilt may show what changed
                again = load_config(**last_load)
                if isinstance(again, BrokenConfig):
                    raise again.error
                again.site_url = config.site_url  # as mkdocs serve sets it
                real_build(again, **{**kwargs, "dirty": False})
            built_once = True
            idle = threading.Timer(IDLE_SECONDS, collect_garbage_while_idle)
            idle.daemon = True  # never holds up stopping the preview
            idle.start()
        except Exception as error:  # a build the hook stops (e.g. a symbolic link in docs/): say so
            built_once = False  # as above
            show_error_on_every_page(BrokenConfig(error, config.site_dir, said.messages))
        finally:
            logging.getLogger("mkdocs").removeHandler(said)

    # Our wrappers take what MkDocs' serve passes (keywords only).
    mkdocs_serve.load_config, mkdocs_serve.build = load_config, build  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> None:
    os.environ["CLINIC_PREVIEW"] = "1"  # the hook shows problems on pages (it is reloaded after on_startup)
    install()
    cli(["serve", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
