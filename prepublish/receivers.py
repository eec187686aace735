"""Each save of an article asks for its body's outside links to be checked (on commit), so
the answers are usually known by the time an editor presses Publish."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from articles.models import Article

from . import links
from .services import link_checks_request


@receiver(post_save, sender=Article, dispatch_uid="prepublish-article-links")
def _article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        link_checks_request(links.external_links(instance.body))
