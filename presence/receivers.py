"""A take-over tells the one who lost the article (the notifications app, below this one,
knows nothing of presence): at once on their next heartbeat, and in their notifications."""

from django.dispatch import receiver

from notifications.services import notify

from .signals import taken_over


@receiver(taken_over, dispatch_uid="presence_tell_the_holder")
def tell_the_holder(sender, article, holder, by, **kwargs):
    notify(
        recipients=[holder],
        kind="taken_over",
        text=f"{by.public_name} took over “{article.headline}”; your unsaved text is kept "
        "as your autosave",
        article=article,
        actor=by,
    )
