"""What a reader may follow, named on pages and in links as `category:12`, `tag:3` or
`author:7`."""

from taggit.models import Tag

from accounts.models import User
from articles.models import Category
from shared.numbers import positive

FIELDS = {"category": ("categories", Category), "tag": ("tags", Tag), "author": ("authors", User)}


def parse(spec):
    """(field, object) for a follow spec, or None for anything else."""
    kind, _, pk = (spec or "").partition(":")
    pk = positive(pk)
    if kind not in FIELDS or pk is None:
        return None
    field, model = FIELDS[kind]
    found = model.objects.filter(pk=pk).first()
    return (field, found) if found else None


def label(obj):
    return getattr(obj, "public_name", "") or getattr(obj, "name", "") or str(obj)


def names(specs):
    """{spec: name} for many specs at once: one query a kind."""
    wanted = {}
    for spec in specs:
        kind, _, pk = spec.partition(":")
        if kind in FIELDS and positive(pk):
            wanted.setdefault(kind, set()).add(positive(pk))
    found = {}
    for kind, pks in wanted.items():
        for obj in FIELDS[kind][1].objects.filter(pk__in=pks):
            found[f"{kind}:{obj.pk}"] = label(obj)
    return found


def of(subscriber):
    """Everything a subscriber follows, as (spec, name) pairs."""
    pairs = []
    for kind, (field, _) in FIELDS.items():
        pairs += [(f"{kind}:{obj.pk}", label(obj)) for obj in getattr(subscriber, field).all()]
    return pairs
