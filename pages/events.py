"""What the pages app tells the rest of the site: a static page readers can now see.

Other apps (webhooks) listen to it; this app imports none of them. It is sent once the
write commits (articles.events.send_on_commit), and never for a draft.
"""

from django.dispatch import Signal

page_published = Signal()  # page=; a static page that readers can now see
