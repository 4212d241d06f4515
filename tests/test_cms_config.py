"""The web editor's form (Decap CMS at /admin/) is generated from the content model, and the app gets
exactly its own security headers; the browser tests are in test_web_editor_browser.py."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
import sys
from typing import Annotated, Literal

import pytest
import yaml
from pydantic import BaseModel, Field, HttpUrl

from clinic_site.cms_config import (
    BODY_FIELD,
    CONFIG_FILE,
    GITHUB_API,
    OVERVIEW_MARK,
    CmsSettings,
    app_headers,
    cms_config,
    cms_config_text,
    form_fields,
    load_cms_settings,
    page_fields,
)
from clinic_site.editor_schema import field_docs
from clinic_site.frontmatter import read_front_matter
from clinic_site.model import Text, Treatment, key_list, treatment_facts, vocabulary_key
from clinic_site.problems import ContentError
from clinic_site.ranges import range_type
from clinic_site.security_headers import HEADERS_FILE, parse_headers_file
from clinic_site.site_build import VOCABULARY_FILE
from clinic_site.vocabulary import Term, Vocabularies, Vocabulary, load_vocabularies
from tests.support.sites import ROOT

VOCABULARIES = load_vocabularies(ROOT / VOCABULARY_FILE, VOCABULARY_FILE)
RangeValue = range_type(0, 100)
SETTINGS = load_cms_settings(yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["extra"])
FIELDS = page_fields(VOCABULARIES)


def by_path(fields, prefix="") -> dict[str, dict]:
    """Every field of a form by its path, as field_docs names them: treatment.aftercare[].when."""
    found = {}
    for field in fields:
        path = prefix + field["name"]
        found[path] = field
        if field["widget"] == "list" and "fields" in field:
            found |= by_path(field["fields"], path + "[].")
        elif "fields" in field:
            found |= by_path(field["fields"], path + ".")
    return found


FORM = by_path(FIELDS)


def accepts(field: dict, text: str) -> bool:
    """Whether Decap's pattern check lets `text` through (its patterns are JavaScript regular
    expressions; those generated here mean the same in Python)."""
    return re.search(field["pattern"][0], text) is not None


def test_every_field_of_the_model_is_in_the_form_and_nothing_else():
    model_paths = {doc.path for top in field_docs() for doc in top.walk()}
    reasons = {path for path in FORM if path.startswith("treatment.discussed_at_consultation.")}  # one field per fact
    assert {path.rsplit(".", 1)[1] for path in reasons} == {
        d.field for d in treatment_facts() if not Treatment.model_fields[d.field].is_required()
    }
    assert set(FORM) - {BODY_FIELD} - reasons == model_paths


def test_vocabulary_fields_are_selects_showing_the_vocabularys_labels():
    category = FORM["treatment.category"]
    assert category["widget"] == "select" and "multiple" not in category
    assert category["options"] == [{"label": VOCABULARIES["categories"].label(k), "value": k} for k in VOCABULARIES["categories"]]
    assert {"label": "Collagen induction therapy", "value": "collagen-induction"} in category["options"]
    assert FORM["treatment.numbing"]["options"][1] == {"label": "Numbing cream", "value": "topical-cream"}


def test_lists_of_keys_are_multi_selects_and_concerns_needs_one():
    concerns, areas = FORM["treatment.concerns"], FORM["treatment.areas"]
    assert concerns["widget"] == areas["widget"] == "select" and concerns["multiple"] and areas["multiple"]
    assert concerns["min"] == 1 and "required" not in concerns
    assert areas["required"] is False and "min" not in areas
    assert [o["value"] for o in FORM["treatment.not_suitable_for"]["options"]] == VOCABULARIES["not_suitable_for"].keys()


@pytest.mark.parametrize("path", ["treatment.sessions", "treatment.session_minutes", "treatment.sun_protection.weeks"])
def test_ranges_accept_what_the_build_accepts_and_refuse_words(path):
    field = FORM[path]
    assert field["widget"] == "string"
    for good in ("3", "2-3", "10-20", "at least 4", "at least 2-3"):  # the field's bounds: checked by the build
        assert accepts(field, good), good
    for bad in ("3 weeks", "two", "2-", "-3", "2-3 sessions", "3.5", "least 4"):
        assert not accepts(field, bad), bad
    assert field["pattern"][1].startswith("Write a whole number from ")


def test_numbers_get_the_models_minimum_and_maximum():
    assert {"widget": "number", "value_type": "int", "min": 15, "max": 100}.items() <= FORM[
        "treatment.sun_protection.spf"
    ].items()
    assert (FORM["treatment.order"]["value_type"], FORM["treatment.order"]["min"]) == ("int", 0)
    price = FORM["treatment.price_from"]
    assert (price["widget"], price["value_type"]) == ("number", "float")
    for good in ("250", "99.5", "0.5", "1000"):
        assert accepts(price, good), good
    for bad in ("0", "0.0", "-5"):  # the model: more than 0
        assert not accepts(price, bad), bad


def test_text_gets_the_models_length_limits_and_long_text_a_text_area():
    assert FORM["treatment.name"]["widget"] == "string" and FORM["treatment.summary"]["widget"] == "text"
    assert accepts(FORM["treatment.name"], "x" * 40) and not accepts(FORM["treatment.name"], "x" * 41)
    assert FORM["description"]["pattern"] == [r"^[\s\S]{0,160}$", "At most 160 characters"]
    assert not accepts(FORM["claims_reviewed[].reason"], "too short")  # the model: at least 10 characters


def test_required_fields_are_required_and_optional_ones_say_so():
    for path, field in FORM.items():
        doc_required = path in {
            "description",
            "treatment",
            *(f"treatment.{n}" for n in ("name", "category", "summary", "concerns")),
        }
        if path.count(".") <= 1 and "[]" not in path:
            assert field.get("required", True) is doc_required, path


def test_the_fields_of_an_optional_group_may_stay_empty_and_say_when_they_are_needed():
    # Decap would otherwise demand an SPF even when the editor gives no sun protection at all.
    spf, by = FORM["treatment.sun_protection.spf"], FORM["treatment.reviewed.by"]
    assert spf["required"] is False and spf["hint"].endswith("Needed when sun protection is filled in.")
    assert by["required"] is False and by["hint"].endswith("Needed when reviewed is filled in.")
    # Entries of a list exist only once added, so their fields stay required.
    assert "required" not in FORM["treatment.aftercare[].when"] and "required" not in FORM["treatment.aftercare[].advice"]


def test_nested_lists_are_lists_of_objects_and_phrases_a_list_of_text():
    aftercare = FORM["treatment.aftercare"]
    assert aftercare["widget"] == "list" and [f["name"] for f in aftercare["fields"]] == ["when", "advice"]
    assert (
        FORM["treatment.risks"]["field"]["widget"] == "text" and "fields" not in FORM["treatment.risks"]
    )  # up to 200 characters


def test_the_review_date_is_a_date_picker_writing_the_builds_format():
    on = FORM["treatment.reviewed.on"]
    assert (on["widget"], on["format"], on["time_format"]) == ("datetime", "YYYY-MM-DD", False)


def test_the_page_text_is_a_plain_text_box_that_keeps_markers_as_written():
    assert FIELDS[-1]["name"] == BODY_FIELD and FIELDS[-1]["widget"] == "text"


def test_the_form_follows_the_models_order():
    treatment = next(doc for doc in field_docs() if doc.name == "treatment")
    assert [f["name"] for f in FORM["treatment"]["fields"]] == [doc.name for doc in treatment.children]
    assert [f["name"] for f in FIELDS] == [doc.name for doc in field_docs()] + [BODY_FIELD]


def test_the_overview_page_is_not_a_treatment():
    collection = cms_config(VOCABULARIES, SETTINGS, None)["collections"][0]
    # Decap lists the pages whose value for the filter's field equals the filter's value: none given, so only pages without it.
    assert collection["filter"] == {"field": OVERVIEW_MARK}
    overview = read_front_matter((ROOT / "docs/treatments/index.md").read_text(encoding="utf-8"), "index.md").data
    assert overview[OVERVIEW_MARK] is True
    for page in (ROOT / "docs/treatments").glob("*.md"):
        if page.name != "index.md":
            assert OVERVIEW_MARK not in read_front_matter(page.read_text(encoding="utf-8"), page.name).data, page.name


class Feel(BaseModel):
    level: vocabulary_key("levels")
    note: Text | None = None


class Source(BaseModel):
    title: Text
    publisher: Text
    url: HttpUrl
    checked: datetime.date
    supports: list[Literal["sessions", "downtime_days"]]


class Step(BaseModel):
    when: Text
    advice: Text


class Performer(BaseModel):
    role: vocabulary_key("roles")
    regulator: vocabulary_key("registers")  # not `register`: that name is BaseModel's own (pydantic warns)


class Image(BaseModel):
    file: Annotated[str, Field(pattern=r"^images/[\w./-]+$")]
    alt: Annotated[str, Field(max_length=150)]


class GrownPage(BaseModel):
    """The shapes the content model is growing into (how it is done, how it feels, preparation, who
    performs it, sources, an image), to show the walk needs no code per field."""

    steps: list[Text] = []
    feel: Feel | None = None
    preparation: list[Step] = []
    performed_by: Performer
    roles: key_list("roles", min_length=1)
    sources: list[Source] = []
    image: Image | None = None
    visible: bool = True
    sessions: RangeValue | None = None


def test_every_shape_the_model_may_grow_into_gets_a_widget_without_code_for_that_field():
    terms = {key: Term(key, key.title()) for key in ("mild", "moderate")}
    vocabularies = Vocabularies(
        {
            "levels": Vocabulary("levels", "level", terms),
            "roles": Vocabulary("roles", "role", {"nurse": Term("nurse", "Nurse")}),
            "registers": Vocabulary("registers", "register", {"nmc": Term("nmc", "Nursing and Midwifery Council")}),
        },
        "test",
    )
    form = by_path(form_fields(GrownPage.model_json_schema(), vocabularies))
    assert form["steps"]["widget"] == "list" and form["steps"]["field"]["widget"] == "string"
    assert form["feel"]["widget"] == "object" and form["feel.level"]["options"][0] == {"label": "Mild", "value": "mild"}
    assert form["feel.level"]["required"] is False  # the group is optional
    assert [f["name"] for f in form["preparation"]["fields"]] == ["when", "advice"]
    assert form["performed_by.regulator"]["options"] == [{"label": "Nursing and Midwifery Council", "value": "nmc"}]
    assert "required" not in form["performed_by.role"]  # the group is required here
    assert {"widget": "select", "multiple": True, "min": 1}.items() <= form["roles"].items()
    assert form["sources"]["widget"] == "list" and form["sources[].checked"]["widget"] == "datetime"
    assert accepts(form["sources[].url"], "https://www.nhs.uk/tests-and-treatments/") and not accepts(
        form["sources[].url"], "nhs.uk"
    )
    assert {"multiple": True, "options": ["sessions", "downtime_days"]}.items() <= form["sources[].supports"].items()
    assert accepts(form["image.file"], "images/peel.jpg") and not accepts(form["image.file"], "../mkdocs.yml")
    assert form["image.alt"]["widget"] == "text"  # may be longer than 100 characters
    assert form["visible"]["widget"] == "boolean"
    assert accepts(form["sessions"], "2-3")


def test_a_models_own_widget_choice_wins():
    class Pictured(BaseModel):
        photo: Annotated[str, Field(json_schema_extra={"x-cms": {"widget": "image", "choose_url": False}})]

    field = form_fields(Pictured.model_json_schema(), VOCABULARIES)[0]
    assert (field["widget"], field["choose_url"]) == ("image", False)


# -- the built configuration and the app's headers -------------------------------------------------


def test_the_built_configuration_is_the_one_the_model_gives_now(demo_site):
    """The build writes it, so it cannot go stale; this checks the build really does."""
    expected = cms_config_text(cms_config(VOCABULARIES, SETTINGS, "https://www.example.org/"))
    assert (demo_site / CONFIG_FILE).read_text(encoding="utf-8") == expected


def test_a_vocabulary_key_added_reaches_the_built_form(project, tmp_path):
    from tests.support.sites import build, replace_in

    replace_in(project / "data/vocabulary.yml", "areas:\n", "areas:\n  hands:\n    label: Backs of the hands\n")
    result = build(project, tmp_path / "site")
    assert result.ok, result.output
    config = yaml.safe_load((tmp_path / "site" / CONFIG_FILE).read_text(encoding="utf-8"))
    areas = by_path(config["collections"][0]["fields"])["treatment.areas"]
    assert {"label": "Backs of the hands", "value": "hands"} in areas["options"]


def test_the_published_editor_signs_in_to_github_and_has_no_local_backend(demo_site):
    config = yaml.safe_load((demo_site / CONFIG_FILE).read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", "repo": SETTINGS.repo, "branch": SETTINGS.branch}
    assert config["publish_mode"] == "editorial_workflow"
    assert "local_backend" not in config


def test_the_local_backend_is_offered_only_on_this_machine():
    config = cms_config(VOCABULARIES, SETTINGS, None, local_port=8081)
    assert config["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}
    policy = dict(app_headers(config))["Content-Security-Policy"]
    assert "connect-src 'self' blob: https://api.github.com http://127.0.0.1:8081;" in policy


def rules_with(rules, header: str, path: str):
    return [rule for rule in rules if rule.matches(path) and any(name == header for name, _ in rule.headers)]


def test_every_file_of_the_site_gets_exactly_one_policy_and_the_editor_its_own(demo_site):
    """Hosts send every matching rule's headers and browsers enforce every policy they get."""
    rules = parse_headers_file((demo_site / HEADERS_FILE).read_text(encoding="utf-8"))
    admin = dict(app_headers(cms_config(VOCABULARIES, SETTINGS, None)))
    for file in sorted(demo_site.rglob("*")):
        if not file.is_file() or file.name == HEADERS_FILE:
            continue
        path = "/" + file.relative_to(demo_site).as_posix()
        for header in ("Content-Security-Policy", "Cross-Origin-Opener-Policy", "X-Frame-Options"):
            assert len(rules_with(rules, header, path)) == 1, (header, path)
        policy = dict(rules_with(rules, "Content-Security-Policy", path)[0].headers)["Content-Security-Policy"]
        if path.startswith("/admin/"):
            assert policy == admin["Content-Security-Policy"], path
        else:
            assert "'unsafe-eval'" not in policy and "'unsafe-inline'" not in policy, path
    editor = dict(h for rule in rules if rule.matches("/admin/") for h in rule.headers)
    assert editor["X-Robots-Tag"] == "noindex, nofollow"
    assert editor["Cross-Origin-Opener-Policy"] == "same-origin-allow-popups"  # the sign-in pop-up reports back
    assert f"connect-src 'self' blob: {GITHUB_API};" in editor["Content-Security-Policy"]
    assert "127.0.0.1" not in editor["Content-Security-Policy"]


def test_the_editor_is_out_of_the_sitemap_and_the_search_index_and_asks_not_to_be_indexed(demo_site):
    assert "/admin" not in (demo_site / "sitemap.xml").read_text(encoding="utf-8")
    from clinic_site.search_on_demand import FULL_INDEX  # the documents, fetched when a reader first searches

    locations = [doc["location"] for doc in json.loads((demo_site / FULL_INDEX).read_text())["docs"]]
    assert locations and not [loc for loc in locations if loc.startswith("admin")]
    assert '<meta name="robots" content="noindex, nofollow">' in (demo_site / "admin/index.html").read_text(encoding="utf-8")
    assert not (demo_site / "admin/package.json").exists()  # only there for Node (exclude_docs)


def test_wrong_editor_settings_name_mkdocs_yml_and_what_is_accepted():
    with pytest.raises(ContentError) as error:
        load_cms_settings({"cms": {"repo": "willow", "brnch": "main"}})
    assert [str(p) for p in error.value.problems] == [
        "mkdocs.yml: extra.cms.repo: found 'willow'. Accepted: the GitHub repository the editor saves to, written owner/name, e.g. willow-clinic/website.",
        "mkdocs.yml: extra.cms.brnch: unknown field 'brnch' (did you mean 'branch'?). Accepted: the fields repo, branch, auth_url.",
    ]
    assert load_cms_settings({"cms": {"repo": "a/b", "auth_url": "https://sign-in.example.org"}}) == CmsSettings(
        repo="a/b", auth_url="https://sign-in.example.org"
    )


def test_a_missing_editor_setting_stops_the_build_with_its_message(project, tmp_path):
    from tests.support.sites import build, replace_in
    from tests.support.small_site import line_of

    replace_in(project / "mkdocs.yml", "    repo: example/willow-clinic-site\n", "")
    result = build(project, tmp_path / "site")
    assert not result.ok
    assert (
        f"mkdocs.yml, line {line_of(project / 'mkdocs.yml', 'cms:')}: extra.cms.repo: this required field is missing"
        in result.output
    )


# -- the vendored files ----------------------------------------------------------------------------


def test_the_vendored_editor_files_are_the_pinned_packages_files_byte_for_byte():
    result = subprocess.run([sys.executable, str(ROOT / "scripts/vendor_cms.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_changed_or_missing_vendored_file_is_reported(tmp_path):
    shutil.copytree(ROOT / "docs/admin/vendor", tmp_path / "docs/admin/vendor")
    (tmp_path / "node_modules").mkdir()
    for package in ("decap-cms", "yaml"):
        (tmp_path / "node_modules" / package).symlink_to(ROOT / "node_modules" / package)
    main = tmp_path / "docs/admin/vendor/decap-cms/dist/decap-cms.js"
    main.write_bytes(main.read_bytes() + b"\n")
    (tmp_path / "docs/admin/vendor/yaml/LICENSE").unlink()
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/vendor_cms.py"), "--check", "--root", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[1:] == [
        "  docs/admin/vendor/yaml/LICENSE is missing",
        "  docs/admin/vendor/decap-cms/dist/decap-cms.js differs from node_modules/decap-cms",
    ]


def test_make_cms_serves_the_editor_with_its_local_backend_on_this_machine_and_stops_both(tmp_path):
    import signal
    import socket
    import time
    import urllib.request

    from tests.support.sites import copy_project

    project = copy_project(tmp_path / "project")
    ports = []
    for _ in range(2):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            ports.append(probe.getsockname()[1])
    preview, backend = ports
    command = [sys.executable, str(ROOT / "scripts/cms_local.py"), "--root", str(project), "--port", str(preview)]
    command += ["--backend-port", str(backend)]
    # As from a terminal, where Ctrl+C reaches it: a test run started in the background (`pytest &`)
    # ignores SIGINT, and a child would inherit that and never stop.
    process = subprocess.Popen(
        command,
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        config, info = None, None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and (config is None or info is None):
            assert process.poll() is None, process.stdout.read()
            try:
                config = yaml.safe_load(urllib.request.urlopen(f"http://127.0.0.1:{preview}/admin/config.yml").read())
                request = urllib.request.Request(
                    f"http://127.0.0.1:{backend}/api/v1", data=b'{"action":"info"}', headers={"Content-Type": "application/json"}
                )
                info = json.loads(urllib.request.urlopen(request).read())
            except OSError:
                time.sleep(0.5)
        assert config["local_backend"] == {"url": f"http://127.0.0.1:{backend}/api/v1"}
        assert config["site_url"] == f"http://127.0.0.1:{preview}/"
        assert info == {"repo": "project", "publish_modes": ["simple"], "type": "local_fs"}  # it writes files, in the copy
    finally:
        process.send_signal(signal.SIGINT)
        output = process.communicate(timeout=30)[0]
    assert process.returncode == 0, output
    assert f"The web editor: http://127.0.0.1:{preview}/admin/" in output
    for port in ports:
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open after Ctrl+C"
