"""make test-browser collects tests/browser/ only (collecting the whole suite to deselect it
cost each worker seconds): a browser test anywhere else would never run."""

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
BROWSER_MARK = re.compile(r"pytest\.mark\.browser\b")


def files_marked_browser():
    for path in TESTS.rglob("*.py"):
        parts = path.relative_to(TESTS).parts
        if "node_modules" in parts or path.name == Path(__file__).name:
            continue
        if BROWSER_MARK.search(path.read_text(encoding="utf-8")):
            yield parts


def test_every_browser_test_lives_in_the_browser_folder():
    marked = list(files_marked_browser())
    assert len(marked) > 30  # the browser tests are found, so the check below means something
    assert [parts for parts in marked if parts[0] != "browser"] == []
