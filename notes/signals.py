"""What the notes app tells other apps (the notifications app listens; this app knows none).

`note_posted` is sent on commit of a note's post, with `note=` and `mentioned=`: the staff
users the note newly @mentions, never its author. An edit that adds mentions sends it too,
with `edited=True` and only the people added, so nobody hears of the same note twice.
"""

from django.dispatch import Signal

note_posted = Signal()
