"""Each app owns the receivers that name the cache keys its models' writes change: the
project's wiring (newsroom/) connects none, and an app's receivers.py listens to its own
models only (tags are the articles app's concern)."""

import weakref

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

# Whose concern a model of a third-party app is.
OWNER = {"taggit": "articles", "auth": "accounts"}  # roles (groups) are accounts'
# Receivers that react to another app's model and name no cache key (the rule here is about
# the receivers that say what a write made stale).
NAMES_NO_KEY = {
    "prepublish.receivers",  # a saved article's links are checked in the background
    "notifications.receivers",  # a workflow step tells the people it concerns
}


def model_receivers():
    """(module of the receiver, app owning the sender) for every model signal receiver."""
    models = {id(model): model for model in apps.get_models(include_auto_created=True)}
    for signal in (post_save, post_delete, m2m_changed):
        for (_, sender_id), reference, *_ in signal.receivers:
            function = reference() if isinstance(reference, weakref.ReferenceType) else reference
            model = models.get(sender_id)
            if function is None or model is None:
                continue
            label = model._meta.app_label
            yield function.__module__, OWNER.get(label, label)


def test_the_project_wiring_connects_no_receiver_for_an_apps_models():
    assert [module for module, _ in model_receivers() if module.startswith("newsroom.")] == []


def test_an_apps_receivers_listen_to_its_own_models():
    found = {
        (module, owner) for module, owner in model_receivers() if module.endswith(".receivers")
    }
    assert {module for module, _ in found} >= {
        "articles.receivers",
        "comments.receivers",
        "accounts.receivers",
    }
    assert [
        (module, owner)
        for module, owner in found
        if module.split(".")[0] != owner and module not in NAMES_NO_KEY
    ] == []
