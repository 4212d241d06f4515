"""How build time grows with the number of treatments, and what the hook costs.

    .venv/bin/python benchmarks/build_scale.py [--sizes 100 1000 3000] [--repeats 3] [--preview-size 1000]

For each size it generates a site of that many treatment pages: the demo site's five treatments
plus copies of them under new names (their real front matter, so no invented figures; every page
is validated against the content model). It then builds, alternating in this one process:

- "hook":     the site as it is (validation, markers, comparison tables, concern pages,
              treatment templates, the deploy files);
- "baseline": the same pages with the hook's work taken out: no hook, no custom templates,
              and what the hook would generate (the comparison tables, treatment lists and
              cards, the concern pages, the key-facts panel, aftercare, suitability, risks,
              related treatments, contact details) pre-rendered into the Markdown;
- "bare":     the same pages with no hook, no custom templates and nothing generated at all, not
              even the concern pages ("vs bare": everything the hook adds, its output included).

It prints the median CPU seconds of the builds, each cold as from a fresh clone (the hook's cache of
pictures and link-preview cards removed first; one warm hook build is printed beside it) (this machine may be shared: CPU time is steadier
than wall time, which is printed too), the ratios hook / baseline and hook / bare, the cost per
treatment at each size and the growth between sizes with the cost per added treatment (linear:
about the same at every step). Targets (issue 15): hook / bare <= 1.25 at 1,000 treatments,
linear growth from 100 to 1,000 to 3,000.

Then the live preview at 1,000 treatments (`--preview-size`; 0 skips it, `--repeats 0` skips the
builds), for three kinds of edit of one treatment, each kind in a fresh preview: its title and name
(shown on its page, /compare/, a concern page, the home page and another treatment's page whose
related cards show it), its price (its page and the tables) and a sentence of its text (its page).
It polls those pages until each shows the edit (our preview, scripts/preview.py, on the hooked site;
plain `mkdocs serve` on the bare one, its treatment page only), three edits in a row of each kind,
and prints the median and the slowest. Target: every one within 2 s.
"""

from __future__ import annotations

import argparse
import itertools
import logging
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT)]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.pop("CLINIC_CACHE_DIR", None)  # each generated project keeps its own cache, which cold builds remove

import jinja2  # noqa: E402
import yaml  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.structure.files import get_files  # noqa: E402

from clinic_site import concerns, images  # noqa: E402
from clinic_site.catalogue import is_treatment_page  # noqa: E402
from clinic_site.comparison_table import ComparisonTable  # noqa: E402
from clinic_site.site_build import SiteBuild  # noqa: E402
from clinic_site.yaml_documents import load_yaml  # noqa: E402
from tests.support.sites import copy_project  # noqa: E402

TREATMENTS = "docs/treatments"
KINDS = ("baseline", "bare", "hook")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)

# The baseline's pre-rendered comparison table: HTML in the Markdown, as the hook would insert it.
TABLE = jinja2.Environment(autoescape=True).from_string("""
<table>
<thead><tr><th>Treatment</th>{% for c in columns %}<th>{{ c.heading }}</th>{% endfor %}</tr></thead>
<tbody>
{%- for row in rows %}
<tr><th><a href="{{ row.url }}">{{ row.name }}</a></th>{% for cell in row.cells %}<td>{{ cell.text }}</td>{% endfor %}</tr>
{%- endfor %}
</tbody>
</table>
""")


# -- generating the sites -----------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[dict, str]:
    match = FRONT_MATTER.match(text)
    if match is None:
        raise ValueError("the template page has no front matter")
    return load_yaml(match[1]), text[match.end() :]  # the site's own loader: YAML 1.2 booleans


def join_front_matter(data: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n" + body


def generate_site(destination: Path, size: int) -> Path:
    """The demo project with `size` treatment pages: the demo's own plus numbered copies."""
    project = copy_project(destination)
    originals = sorted(p for p in (project / TREATMENTS).glob("*.md") if p.name != "index.md")
    for number in range(size - len(originals)):
        source = originals[number % len(originals)]
        data, body = split_front_matter(source.read_text(encoding="utf-8"))
        suffix = f"{number + 1:04d}"
        data["title"] = f"{data.get('title', data['treatment']['name'])} {suffix}"
        data["treatment"]["name"] = f"{data['treatment']['name']} {suffix}"
        data["treatment"]["order"] = 1000 + number
        (project / TREATMENTS / f"{source.stem}-{suffix}.md").write_text(join_front_matter(data, body), encoding="utf-8")
    return project


def collected(project: Path) -> SiteBuild:
    """The hook's own view of the site (validated catalogue), to pre-render the baseline from."""
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins._current_plugin = "benchmark"  # MkDocs records who generates a file; set only inside events
    site = SiteBuild(config)
    site.collect(get_files(config), config)
    assert not site.errors, site.error_summary()
    return site


def showing_related(project: Path, page: Path) -> str:
    """The address of another treatment page whose related cards show the treatment of `page`."""
    catalogue = collected(project).site.catalogue
    edited = catalogue.for_src_uri(f"treatments/{page.name}")
    other = next(entry for entry in catalogue if entry is not edited and edited in catalogue.related_to(entry))
    return other.url


def relative_link(from_src: str, to_src: str) -> str:
    return os.path.relpath(to_src, os.path.dirname(from_src) or ".").replace(os.sep, "/")


def baseline_markdown(site: SiteBuild, src_uri: str, text: str, prerender: bool = True) -> str:
    """The page with the hook's output written into it as plain Markdown (or left out: prerender=False)."""
    catalogue, clinic = site.site.catalogue, site.site.clinic

    def link(to_src: str) -> str:
        return relative_link(src_uri, to_src)

    def card_list(entries) -> str:
        return "\n".join(f"- [{e.name}]({link(e.src_uri)}): {e.treatment.summary}" for e in entries) + "\n"

    def rendered(call) -> str:
        """What the hook puts in place of a marker, as Markdown (interactive controls have none)."""
        if call.name == "comparison-table":
            data = ComparisonTable.from_options(catalogue, call.options).template_data(site.views.fact_context, lambda e: [])
            by_slug = {e.slug: e for e in catalogue}
            for row in data["rows"]:
                row["url"] = link(by_slug[row["slug"]].src_uri).removesuffix(".md") + "/"
            return TABLE.render(**data)
        if call.name == "treatment-cards":
            return card_list(catalogue.select(call.options))
        if call.name == "treatment-list":
            return "\n".join(
                f"### {catalogue.vocabularies['categories'].label(key)}\n\n{card_list(members)}"
                for key, members in catalogue.by_category()
            )
        if call.name == "concern-links":
            return "".join(f"- [{p.label}]({link(p.src_uri)})\n" for p in site.site.concern_pages)
        if call.name == "concern-description":
            return (catalogue.vocabularies["concerns"][call.options["concern"][0]].description or "") + "\n"
        if call.name == "clinic-contact":
            a = clinic.address
            return f"{clinic.name}, {a.street}, {a.locality} {a.postal_code}. Phone {clinic.phone}, email {clinic.email}.\n"
        return ""  # treatment-chooser (JavaScript controls), and markers added since

    data, body = split_front_matter(text) if text.startswith("---\n") else ({}, text)
    data.pop("template", None)  # the custom templates are part of what the baseline leaves out
    body = site.site.bodies.get(src_uri, body)  # the marker offsets refer to the body as MkDocs reads it
    for call in reversed(site.site.markers.get(src_uri, ())):
        body = body[: call.start] + (rendered(call) if prerender else "") + body[call.end :]
    if src_uri == "index.md" and prerender:
        body += "\n## Treatments\n\n" + card_list(catalogue.sorted())
    entry = catalogue.for_src_uri(src_uri) if prerender else None
    if entry is not None:
        view = site.views.treatment_view(entry)
        facts = "\n".join(f"- **{f['heading']}:** {f['text']}" for f in view["facts"])
        body = f"{view['summary']}\n\n## Key facts\n\n{facts}\n\n[Book a consultation](../consultation.md)\n\n{body}"
        body += "\n## Aftercare\n\n" + "".join(f"- **{s.when}:** {s.advice}\n" for s in view["aftercare"])
        body += "\n## Not suitable for\n\n" + "".join(f"- {n}\n" for n in view["not_suitable_for"])
        body += "\n## Risks\n\n" + "".join(f"- {r}\n" for r in view["risks"])
        body += "\n## Related treatments\n\n" + "".join(
            f"- [{c['name']}]({link(c['url'].rstrip('/') + '.md')}): {c['summary']}\n" for c in view["related"]
        )
    return join_front_matter(data, body) if data else body


def make_baseline(project: Path, destination: Path, prerender: bool = True) -> Path:
    site = collected(project)
    shutil.copytree(project, destination)
    if prerender:  # the concern pages the hook generates, as ordinary pages
        for page in site.site.concern_pages:
            (destination / "docs" / page.src_uri).write_text(concerns.page_markdown(page), encoding="utf-8")
    for path in (destination / "docs").rglob("*.md"):
        src_uri = path.relative_to(destination / "docs").as_posix()
        path.write_text(baseline_markdown(site, src_uri, path.read_text(encoding="utf-8"), prerender), encoding="utf-8")
    (destination / "mkdocs.yml").rename(destination / "mkdocs-with-hook.yml")
    (destination / "no-overrides").mkdir()
    # Our static templates (robots.txt) live in the overrides the baseline leaves out: a plain file instead.
    (destination / "docs" / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    (destination / "mkdocs.yml").write_text(
        "INHERIT: mkdocs-with-hook.yml\nhooks: []\ntheme:\n  custom_dir: no-overrides\n  static_templates: []\n", encoding="utf-8"
    )
    return destination


# -- timing -------------------------------------------------------------------------------------


def timed_build(project: Path, site_dir: Path, cold: bool = True) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one strict build, from loading mkdocs.yml to the last file.
    Cold (the default) as from a fresh clone: the hook's cache of converted pictures and
    link-preview cards is removed first, so no build reuses another's work."""
    if cold:
        shutil.rmtree(images.cache_root(project), ignore_errors=True)
    wall, cpu = time.perf_counter(), time.process_time()
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    build(config)
    return time.process_time() - cpu, time.perf_counter() - wall


PREVIEW = ROOT / "scripts" / "preview.py"  # our live preview (`make serve`): mkdocs serve, hook reloaded


def serve_command(project: Path, kind: str, port: int) -> list[str]:
    """The live preview of a project: ours for the hooked site, plain `mkdocs serve` for the others."""
    front = [sys.executable, str(PREVIEW)] if kind == "hook" else [sys.executable, "-m", "mkdocs", "serve"]
    return [*front, "--dev-addr", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]


EARLIER_EDIT = re.compile(r" Edited\d+$")


def edit_front_matter(page: Path, token: int) -> str:
    """Add `token` to the treatment's title and name (or the page's title): the treatment page,
    /compare/, concern pages and cards all show one of them. Returns the text to wait for."""
    data, body = split_front_matter(page.read_text(encoding="utf-8"))
    data["title"] = f"{EARLIER_EDIT.sub('', data.get('title', page.stem))} Edited{token}"
    if "treatment" in data:  # the earlier edit's token replaced: names may have 40 characters
        data["treatment"]["name"] = f"{EARLIER_EDIT.sub('', data['treatment']['name'])} Edited{token}"
    page.write_text(join_front_matter(data, body), encoding="utf-8")
    return f"Edited{token}"


def edit_price(page: Path, token: int) -> str:
    """A new starting price: the treatment page and the tables show it, the cards do not."""
    data, body = split_front_matter(page.read_text(encoding="utf-8"))
    data["treatment"]["price_from"] = 10_000 + token % 90_000
    page.write_text(join_front_matter(data, body), encoding="utf-8")
    return f"{data['treatment']['price_from']:,}"


def edit_text(page: Path, token: int) -> str:
    """A sentence added to the page's text: only its own page shows it."""
    page.write_text(page.read_text(encoding="utf-8") + f"\nA sentence added, Edited{token}.\n", encoding="utf-8")
    return f"Edited{token}"


# What the preview is timed on: the edit, the pages that must show it besides the treatment's own, and
# whether the bare site shows it at all (without the hook a price is not on the page).
PREVIEW_EDITS = {
    "name and title": (edit_front_matter, ["compare/", "concerns/acne-scars/", "", "RELATED"], True),
    "price": (edit_price, ["compare/", "concerns/acne-scars/"], False),
    "a sentence of text": (edit_text, [], True),
}


EDITOR_PAUSE = 3.0  # seconds between an update shown and the next save: an editor reads the page first
# (and the preview tidies its memory when idle for 2 s, scripts/preview.py IDLE_SECONDS)


def time_served_update(
    project: Path, kind: str, page: Path, paths: list[str], edit=edit_front_matter, times: int = 3, timeout: float = 300
) -> dict[str, list[float]]:
    """Seconds from saving `edit` of one page until each served page at `paths` (site-root
    relative, e.g. "compare/") shows the text it returns; `times` edits one after another in one
    preview (each a new value), a list of seconds per path.

    The pages are fetched as a reader's browser does: when the server says it reloads browsers
    (and at least every second). Fetching them every 50 ms instead, /compare/ at 1,000 rows among
    them, kept the server busy while the preview rebuilt and added to what was measured."""
    port = _free_port()
    process = subprocess.Popen(
        serve_command(project, kind, port), cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: list[tuple[float, str]] = []
    output = process.stdout
    assert output is not None  # stdout=PIPE

    def read_lines() -> None:
        for line in output:
            lines.append((time.perf_counter(), line))

    reader = threading.Thread(target=read_lines, daemon=True)
    reader.start()
    seen: dict[str, list[float]] = {path: [] for path in paths}
    try:
        _wait_for(lines, "Serving on", timeout, process)
        for _ in range(times):
            time.sleep(EDITOR_PAUSE)
            edited = time.perf_counter()
            token = edit(page, time.time_ns() % 10**9)
            pending, read = set(paths), len(lines)
            while pending:
                if time.perf_counter() - edited > timeout:
                    raise TimeoutError(f"{sorted(pending)} not updated within {timeout} s")
                if process.poll() is not None:
                    raise RuntimeError("the preview stopped:\n" + "".join(line for _, line in lines))
                read = _next_reload(lines, read, within=1.0)
                for path in sorted(pending):
                    if token in _fetch(f"http://127.0.0.1:{port}/{path}"):
                        seen[path].append(time.perf_counter() - edited)
                        pending.discard(path)
        return seen
    finally:
        process.terminate()
        process.wait(10)


def _next_reload(lines: list[tuple[float, str]], read: int, within: float) -> int:
    """Wait until the server logs "Reloading browsers" in a line after the first `read` lines, or
    `within` seconds pass; return how many lines are read now."""
    deadline = time.perf_counter() + within
    while time.perf_counter() < deadline:
        arrived = len(lines)
        if any("Reloading browsers" in line for _, line in lines[read:arrived]):
            return arrived
        read = arrived
        time.sleep(0.01)
    return len(lines)


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (OSError, urllib.error.URLError):
        return ""  # mid-rebuild: the site folder is being rewritten


def _wait_for(lines, text, timeout, process, after=0) -> float:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for when, line in lines[after:]:
            if text in line:
                return when
        if process.poll() is not None:
            raise RuntimeError("mkdocs serve stopped:\n" + "".join(line for _, line in lines))
        time.sleep(0.02)
    raise TimeoutError(f"no '{text}' from mkdocs serve within {timeout} s")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_projects(work: Path, sizes: list[int]) -> dict[int, dict[str, Path]]:
    projects = {}
    for size in sizes:
        hooked = generate_site(work / f"hook-{size}", size)
        projects[size] = {
            "hook": hooked,
            "baseline": make_baseline(hooked, work / f"baseline-{size}"),
            "bare": make_baseline(hooked, work / f"bare-{size}", prerender=False),
        }
    return projects


def print_builds(work: Path, projects: dict[int, dict[str, Path]], repeats: int) -> dict[int, dict[str, float]]:
    """Median CPU seconds per size and kind, printed with the hook's ratios and the cost per treatment."""
    print(
        f"{'pages':>6} {'hook s':>8} {'baseline s':>11} {'bare s':>8} {'hook/base':>10} {'hook/bare':>10}"
        f" {'ms/treatment hook':>18} {'bare':>6} {'wall hook/bare s':>17} {'warm hook s':>12}"
        f"   (CPU time, median of {repeats} alternating cold builds; warm: one more with the hook's cache kept)"
    )
    medians: dict[int, dict[str, float]] = {}
    for size, kinds in projects.items():
        cpu: dict[str, list[float]] = {kind: [] for kind in KINDS}
        wall: dict[str, list[float]] = {kind: [] for kind in KINDS}
        for _ in range(repeats):
            for kind in KINDS:
                seconds = timed_build(kinds[kind], work / f"site-{kind}-{size}")
                cpu[kind].append(seconds[0])
                wall[kind].append(seconds[1])
        medians[size] = m = {kind: statistics.median(values) for kind, values in cpu.items()}
        warm = timed_build(kinds["hook"], work / f"site-hook-{size}", cold=False)[0]  # reuses the last cold build's cache
        walls = f"{statistics.median(wall['hook']):.2f}/{statistics.median(wall['bare']):.2f}"
        print(
            f"{size:>6} {m['hook']:>8.2f} {m['baseline']:>11.2f} {m['bare']:>8.2f} {m['hook'] / m['baseline']:>9.2f}x"
            f" {m['hook'] / m['bare']:>9.2f}x {1000 * m['hook'] / size:>18.1f} {1000 * m['bare'] / size:>6.1f} {walls:>17}"
            f" {warm:>12.2f}",
            flush=True,
        )
    sizes = sorted(medians)
    for small, large in itertools.pairwise(sizes):
        added = large - small
        print(
            f"growth {small} -> {large} treatments: "
            + ", ".join(
                f"{kind} x{medians[large][kind] / medians[small][kind]:.1f}"
                f" ({1000 * (medians[large][kind] - medians[small][kind]) / added:.1f} ms per added treatment)"
                for kind in KINDS
            )
            + f"  (x{large / small:.0f} pages: x{large / small:.0f} is linear)"
        )
    return medians


def print_preview(projects: dict[int, dict[str, Path]], size: int) -> None:
    """Seconds from saving each edit of PREVIEW_EDITS until the served pages show it: our preview
    (scripts/preview.py) on the hooked site, plain `mkdocs serve` on the bare one; the median of
    three edits in a row, and the slowest."""
    print(
        f"Live preview, {size} treatments: seconds from saving an edit of a treatment to each served page updated"
        f" (an edit {EDITOR_PAUSE:.0f} s after the last was shown)"
    )
    for what, (edit, others, bare_shows_it) in PREVIEW_EDITS.items():
        print(f"  {what}:")
        for kind in ("bare", "hook") if bare_shows_it else ("hook",):
            project = projects[size][kind]
            page = next(p for p in sorted((project / TREATMENTS).glob("*.md")) if is_treatment_page(f"treatments/{p.name}"))
            paths = [f"treatments/{page.stem}/"]
            if kind == "hook":
                paths += [showing_related(project, page) if path == "RELATED" else path for path in others]
            seen = time_served_update(project, kind, page, paths, edit)
            print(
                f"    {kind:5} "
                + ", ".join(
                    f"/{path}: {statistics.median(times):.2f} s (worst {max(times):.2f})" for path, times in seen.items()
                ),
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--preview-size", type=int, default=1000, help="time the live preview at this size (0: skip)")
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # quiet builds; warnings still abort (strict)
    with tempfile.TemporaryDirectory(prefix="build-scale-") as tmp:
        work = Path(tmp)
        projects = make_projects(work, sorted({*args.sizes, *([args.preview_size] if args.preview_size else [])}))
        if args.repeats:  # --repeats 0: only the preview
            print_builds(work, {size: projects[size] for size in args.sizes}, args.repeats)
        if args.preview_size:
            print_preview(projects, args.preview_size)


if __name__ == "__main__":
    main()
