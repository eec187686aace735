"""The kinds of notification: what each one tells, in the words a person sees on their
preferences page. A kind is a code stored on each row; adding one is a line here."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    code: str
    label: str  # the preferences page's row: "A story is submitted for review"


SUBMITTED = Kind("submitted", "A story is submitted for review")
SENT_BACK = Kind("sent_back", "A story of yours is sent back with a note")
PUBLISHED = Kind("published", "A story of yours is published")
SCHEDULED = Kind("scheduled", "A story of yours is scheduled")
MENTIONED = Kind("mentioned", "Someone mentions you in a note")
TAKEN_OVER = Kind("taken_over", "Someone takes over a story you were editing")
FRONT_PROPOSED = Kind("front_proposed", "A writer proposes a layout of a front")
FRONT_DECIDED = Kind("front_decided", "A front layout you proposed is published or rejected")
FRONT_OVERTAKEN = Kind(
    "front_overtaken", "A front is changed before the layout you scheduled replaces it"
)

KINDS = {
    kind.code: kind
    for kind in (
        SUBMITTED,
        SENT_BACK,
        PUBLISHED,
        SCHEDULED,
        MENTIONED,
        TAKEN_OVER,
        FRONT_PROPOSED,
        FRONT_DECIDED,
        FRONT_OVERTAKEN,
    )
}


def choices():
    return [(kind.code, kind.label) for kind in KINDS.values()]


def get(code):
    """The kind of `code`; an unknown code is a programming error, said at once."""
    try:
        return KINDS[code]
    except KeyError:
        raise ValueError(f"Unknown notification kind {code!r}; known: {', '.join(KINDS)}") from None
