"""Text bound for an e-mail header (a subject line) is one line. Django refuses a whole
message whose subject holds a line break (BadHeaderError), so a subject saved with one fails
every send; other line separators and control characters can split or corrupt a header in
mail software on the way, so they are refused as well (a tab is ordinary whitespace)."""

import re

from django.core.exceptions import ValidationError

BREAKING = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")
MESSAGE = (
    "Keep this to one line: it goes into the email's header, where a line break or a control "
    "character would stop the email from being sent."
)


def validate_header_text(value):
    """For fields an editor types as a header (a subject): refused with a clear message."""
    if BREAKING.search(value or ""):
        raise ValidationError(MESSAGE, code="header_line_break")


def header_text(value):
    """For text written for something else (a headline, a name, a rendered template) that a
    header quotes: made one line, so no stored text can stop a message."""
    return " ".join(BREAKING.sub(" ", value).split())
