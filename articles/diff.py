"""What changed between two versions of a text, paragraph by paragraph and word by word.

A two-word fix shows as two words struck and two inserted inside their paragraph, not as
the whole paragraph removed and added again.
"""

import re
from difflib import SequenceMatcher

WORD = re.compile(r"\S+\s*|\s+")
CONTEXT = 1  # unchanged paragraphs shown either side of a change


def word_diff(before, after):
    """[(kind, text)] with kind "same", "removed" or "added", whitespace kept."""
    old, new = WORD.findall(before), WORD.findall(after)
    segments = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(("same", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("removed", "".join(old[i1:i2])))
        if j2 > j1:
            segments.append(("added", "".join(new[j1:j2])))
    return segments


def text_diff(before, after):
    """[(kind, content)] rows: "same", "removed" and "added" hold a paragraph, "changed"
    holds its word_diff, and "gap" stands for unchanged paragraphs left out."""
    old = [line for line in before.split("\n") if line.strip()]
    new = [line for line in after.split("\n") if line.strip()]
    opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    rows = []
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            rows.extend(_context(old[i1:i2], first=index == 0, last=index == len(opcodes) - 1))
            continue
        paired = min(i2 - i1, j2 - j1) if op == "replace" else 0
        rows.extend(("changed", word_diff(old[i1 + k], new[j1 + k])) for k in range(paired))
        rows.extend(("removed", line) for line in old[i1 + paired : i2])
        rows.extend(("added", line) for line in new[j1 + paired : j2])
    return rows


def _context(lines, *, first, last):
    head = [] if first else lines[:CONTEXT]
    tail = [] if last else lines[-CONTEXT:]
    if len(lines) <= len(head) + len(tail):
        return [("same", line) for line in lines]
    gap = [("gap", "")]
    return [("same", line) for line in head] + gap + [("same", line) for line in tail]
