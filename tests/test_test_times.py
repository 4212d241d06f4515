"""scripts/test_times.py: per-file seconds from a pytest JUnit XML report."""

from __future__ import annotations

from scripts.test_times import main, seconds_per_file

REPORT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="4">
<testcase classname="tests.test_publish" name="test_a" time="2.5" />
<testcase classname="tests.test_publish" name="test_b[x]" time="1.25" />
<testcase classname="tests.test_model" name="test_c" time="0.5"><failure message="no" /></testcase>
<testcase classname="tests.test_model.TestGroup" name="test_d" time="4.0" />
</testsuite></testsuites>
"""


def test_times_are_summed_per_file_and_tests_in_classes_count_for_their_file(tmp_path):
    report = tmp_path / "junit.xml"
    report.write_text(REPORT, encoding="utf-8")
    assert seconds_per_file(report) == {"tests/test_publish.py": 3.75, "tests/test_model.py": 4.5}


def test_the_table_is_slowest_first_with_a_total(tmp_path, capsys):
    report = tmp_path / "junit.xml"
    report.write_text(REPORT, encoding="utf-8")
    assert main([str(report)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "    4.5 tests/test_model.py",
        "    3.8 tests/test_publish.py",
        "    8.2 total (2 files)",
    ]
