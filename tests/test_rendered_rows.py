"""Rows of long lists rendered one by one and kept between the live preview's rebuilds
(hooks/clinic_site/rendering.py `rendered_row`): kept only while the row's data, its page and the
row template's source are the same, so no rebuild shows a stale row."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2
import pytest

from clinic_site import check_cache
from clinic_site.rendering import add_row_rendering, enable_autoescape

TABLE = "{% for row in rows %}{{ rendered_row('row.html', row) }}{% endfor %}"
ROW = "<tr><td>{{ row.name }}</td><td>{{ row.price }}</td><td>{{ page.url }}</td></tr>"


def environment(row_template: str = ROW) -> jinja2.Environment:
    """A new environment, as the preview makes one per build."""
    loader = jinja2.DictLoader({"table.html": TABLE, "row.html": row_template})
    return add_row_rendering(enable_autoescape(jinja2.Environment(loader=loader)))


def rows(*prices: int) -> list[dict]:
    return [{"name": f"T{i}<", "price": price} for i, price in enumerate(prices)]


@pytest.fixture(autouse=True)
def outside_the_preview_afterwards():
    yield
    check_cache.start_build(serving=False)


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """The names of the templates rendered, in order."""
    seen: list[str] = []
    real = jinja2.Template.render

    def counting(self, *args, **kwargs):
        seen.append(self.name)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", counting)
    return seen


def table(env: jinja2.Environment, data: list[dict], url: str = "compare/") -> str:
    return env.get_template("table.html").render(rows=data, page=SimpleNamespace(url=url))


def test_in_the_preview_an_unchanged_row_is_not_rendered_again(renders):
    check_cache.start_build(serving=True)
    first = table(environment(), rows(10, 20, 30))
    check_cache.start_build(serving=True)
    renders.clear()
    second = table(environment(), rows(10, 25, 30))
    assert renders == ["table.html", "row.html"]  # only the changed row
    assert second == first.replace("<td>20</td>", "<td>25</td>")
    assert "T0&lt;" in second  # kept rows stay escaped HTML, not escaped twice


def test_a_changed_row_template_renders_every_row_again(renders):
    check_cache.start_build(serving=True)
    table(environment(), rows(10, 20))
    check_cache.start_build(serving=True)
    renders.clear()
    changed = table(environment(ROW.replace("<tr>", '<tr class="new">')), rows(10, 20))
    assert renders == ["table.html", "row.html", "row.html"]
    assert changed.count('<tr class="new">') == 2


def test_a_row_is_kept_per_page(renders):
    check_cache.start_build(serving=True)
    assert "<td>compare/</td>" in table(environment(), rows(10))
    assert "<td>concerns/acne-scars/</td>" in table(environment(), rows(10), url="concerns/acne-scars/")


def test_outside_the_preview_every_row_is_rendered(renders):
    check_cache.start_build(serving=False)
    table(environment(), rows(10, 20))
    renders.clear()
    table(environment(), rows(10, 20))
    assert renders == ["table.html", "row.html", "row.html"]
