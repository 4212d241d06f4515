"""Front matter MkDocs does not see, so readers would: a block of 'field: value' lines between two
'---' lines that is not at the very top of the file (a blank line or a space before the first
'---'), or a second block after the first (a template pasted twice). Python-Markdown shows such a
block as a rule and a heading ('title: Pen'), and the page is published without its fields.
"""

from __future__ import annotations

import re

from clinic_site.frontmatter import FRONT_MATTER
from clinic_site.problems import ContentProblem

# (Matched at a position.) Blank lines, then '---', then a 'field:' line, ... up to a closing '---'.
BLOCK = re.compile(
    r"((?:[ \t]*\n)*)[ \t]*-{3}[ \t]*\n[ \t]*[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|\n).*?\n[ \t]*(?:-{3}|\.{3})[ \t]*(?:\n|\Z)",
    re.DOTALL,
)


def stray_front_matter_problems(source: str, shown_as: str) -> list[ContentProblem]:
    top = FRONT_MATTER.match(source)
    start = top.end() if top else 0
    block = BLOCK.match(source, start) if top else BLOCK.match(source)
    if block is None:
        return []
    line = source.count("\n", 0, start) + block.group(1).count("\n") + 1
    if top:
        problem = "a second front matter block (fields between '---' lines) follows the first; readers would see it as text"
        accepted = "one front matter block, at the very top: move these fields into the first block and delete the second"
    else:
        problem = "the front matter does not start on the first line, so MkDocs does not read it and readers would see it as text"
        accepted = "'---' on the very first line of the file, with nothing before it (not even a blank line or a space)"
    return [ContentProblem(shown_as, "front matter", problem, accepted, line=line)]
