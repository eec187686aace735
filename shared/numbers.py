"""Whole numbers a client types into an address or a form: ids and page numbers.

`str.isdigit()` is the wrong test for them: it takes "²", which `int()` then refuses, and
"99999999999999999999", which no database column holds; each was a server error. Only
ASCII digits are numbers here, and no more than 18 of them (any id column holds that).
"""

import re

DIGITS = re.compile(r"[0-9]{1,18}")


def positive(raw, default=None):
    """`raw` as a whole number of at least 1, or `default` for anything else."""
    if isinstance(raw, str) and DIGITS.fullmatch(raw):
        number = int(raw)
        if number > 0:
            return number
    return default
