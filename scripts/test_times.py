"""Per-file test times from a pytest JUnit XML report, slowest first (the table in issue 14's notes).

    .venv/bin/python -m pytest -n 2 --junitxml=test-artifacts/junit.xml
    .venv/bin/python scripts/test_times.py test-artifacts/junit.xml

Each file's figure is the sum of its tests' setup, call and teardown times (pytest's junit_duration_report
"total"): the time a worker spent on the file. Under pytest-xdist the files run side by side, so the
suite's wall time is about the total divided by the workers, not the total.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_file(classname: str) -> str:
    """'tests.test_x' or 'tests.test_x.TestClass' -> 'tests/test_x.py'."""
    parts = classname.split(".")
    for end in range(len(parts), 0, -1):
        candidate = "/".join(parts[:end]) + ".py"
        if (ROOT / candidate).is_file():
            return candidate
    return "/".join(parts) + ".py"


def seconds_per_file(report: Path) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    for case in ET.parse(report).getroot().iter("testcase"):
        totals[test_file(case.get("classname", ""))] += float(case.get("time", 0))
    return dict(totals)


def table(totals: dict[str, float]) -> str:
    rows = [f"{seconds:7.1f} {path}" for path, seconds in sorted(totals.items(), key=lambda item: (-item[1], item[0]))]
    rows.append(f"{sum(totals.values()):7.1f} total ({len(totals)} files)")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="the XML file pytest wrote with --junitxml")
    args = parser.parse_args(argv)
    print(table(seconds_per_file(args.report)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
