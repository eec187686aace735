"""Mentions become notifications: the people a note names are told, as their preferences say
(the notifications app, below this one, knows nothing of notes)."""

from django.dispatch import receiver
from django.utils.text import Truncator

from notifications.services import notify

from .signals import note_posted


@receiver(note_posted, dispatch_uid="notes_tell_the_mentioned")
def tell_the_mentioned(sender, note, mentioned, **kwargs):
    if not mentioned:
        return
    author = note.author.public_name if note.author else "Someone"
    words = Truncator(" ".join(note.body.split())).chars(120)
    notify(
        recipients=mentioned,
        kind="mentioned",
        text=f"{author} mentioned you in a note on “{note.article.headline}”: {words}",
        article=note.article,
        actor=note.author,
    )
