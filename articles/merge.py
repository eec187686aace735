"""Merging two versions of a body paragraph by paragraph: the person's and a newer save's.

Pure text in, text out. With the version both started from (the base), a paragraph only
one side changed is taken from that side without asking (a three-way merge, as git does
with lines); only paragraphs both changed differently become a Conflict the person
decides: mine, theirs, or both (mine then theirs). Without a base, every differing run
is a Conflict.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

MINE, THEIRS, BOTH = "mine", "theirs", "both"
CHOICES = (MINE, THEIRS, BOTH)

BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Conflict:
    """A run of paragraphs both sides changed: what each side has there."""

    mine: tuple[str, ...]
    theirs: tuple[str, ...]


class MissingChoice(ValueError):
    """Some conflicts have no choice: their numbers (from 0) are in `missing`."""

    def __init__(self, missing):
        super().__init__(f"No choice for conflicts {missing}")
        self.missing = missing


def paragraphs(text):
    """The text's paragraphs: split on blank lines, blank ones dropped."""
    return [part.strip("\n") for part in BLANK_LINE.split(text or "") if part.strip()]


def join(parts):
    return "\n\n".join(parts)


def merge_plan(base, mine, theirs):
    """The merge as pieces in order: tuples of settled paragraphs and Conflicts."""
    mine_ps, theirs_ps = paragraphs(mine), paragraphs(theirs)
    if base is None:
        return _two_way(mine_ps, theirs_ps)
    return _three_way(paragraphs(base), mine_ps, theirs_ps)


def conflicts(base, mine, theirs):
    """The Conflicts the person must decide, in the order their choices are numbered."""
    return [piece for piece in merge_plan(base, mine, theirs) if isinstance(piece, Conflict)]


def merge_paragraphs(base, mine, theirs, choices):
    """The merged text. `choices` maps each conflict's number (from 0) to MINE, THEIRS or
    BOTH (a list works too); raises MissingChoice if one is not decided."""
    plan = merge_plan(base, mine, theirs)
    if isinstance(choices, list | tuple):
        choices = dict(enumerate(choices))
    found = [piece for piece in plan if isinstance(piece, Conflict)]
    missing = [number for number in range(len(found)) if choices.get(number) not in CHOICES]
    if missing:
        raise MissingChoice(missing)
    merged, number = [], 0
    for piece in plan:
        if isinstance(piece, Conflict):
            choice = choices[number]
            number += 1
            if choice in (MINE, BOTH):
                merged.extend(piece.mine)
            if choice in (THEIRS, BOTH):
                merged.extend(p for p in piece.theirs if choice == THEIRS or p not in piece.mine)
        else:
            merged.extend(piece)
    return join(merged)


def _two_way(mine, theirs):
    plan = []
    matcher = SequenceMatcher(None, mine, theirs, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            plan.append(tuple(mine[i1:i2]))
        elif i2 - i1 == j2 - j1:
            # Paragraphs changed in place: one choice each, not one for the whole run.
            plan.extend(
                Conflict((m,), (t,)) for m, t in zip(mine[i1:i2], theirs[j1:j2], strict=True)
            )
        else:
            plan.append(Conflict(tuple(mine[i1:i2]), tuple(theirs[j1:j2])))
    return plan


def _three_way(base, mine, theirs):
    plan = []
    at_base = at_mine = at_theirs = 0
    for base_from, base_to, mine_from, mine_to, theirs_from, theirs_to in _stable(
        base, mine, theirs
    ):
        plan.extend(
            _settle(base[at_base:base_from], mine[at_mine:mine_from], theirs[at_theirs:theirs_from])
        )
        if base_to > base_from:
            plan.append(tuple(base[base_from:base_to]))
        at_base, at_mine, at_theirs = base_to, mine_to, theirs_to
    return [piece for piece in plan if piece]


def _stable(base, mine, theirs):
    """Runs of base paragraphs both sides kept, as (base, mine, theirs) ranges, ending with
    an empty run at the three ends (bzr's merge3 sync regions)."""
    ours = SequenceMatcher(None, base, mine, autojunk=False).get_matching_blocks()
    other = SequenceMatcher(None, base, theirs, autojunk=False).get_matching_blocks()
    regions, i, j = [], 0, 0
    while i < len(ours) and j < len(other):
        a_base, a_at, a_len = ours[i]
        b_base, b_at, b_len = other[j]
        start, end = max(a_base, b_base), min(a_base + a_len, b_base + b_len)
        if start < end:
            regions.append(
                (
                    start,
                    end,
                    a_at + start - a_base,
                    a_at + end - a_base,
                    b_at + start - b_base,
                    b_at + end - b_base,
                )
            )
        if a_base + a_len < b_base + b_len:
            i += 1
        else:
            j += 1
    regions.append((len(base), len(base), len(mine), len(mine), len(theirs), len(theirs)))
    return regions


def _settle(base, mine, theirs):
    """The pieces for one unstable run: a side that changed nothing yields to the other."""
    if mine == theirs:
        return [tuple(mine)]
    if mine == base:
        return [tuple(theirs)]
    if theirs == base:
        return [tuple(mine)]
    if len(base) == len(mine) == len(theirs):
        # Side by side paragraphs changed in place: settle each one on its own, so two
        # people editing neighbouring paragraphs are not asked about either.
        return [piece for row in zip(base, mine, theirs, strict=True) for piece in _one(*row)]
    return [Conflict(tuple(mine), tuple(theirs))]


def _one(base, mine, theirs):
    if mine == theirs or theirs == base:
        return [(mine,)]
    if mine == base:
        return [(theirs,)]
    return [Conflict((mine,), (theirs,))]
