"""Template tags for the two kinds of part a page is made of: `{% personal %}` marks where
one reader's own part goes (shared/personal.py); `{% fragment %}` keeps a shared part
while what it was built from is unchanged (shared/cache.py)."""

from django import template
from django.utils.safestring import mark_safe

from shared import cache, personal

register = template.Library()


@register.simple_tag
def personal_part(name, *args):
    """{% personal_part "name" arg... %}: several arguments reach the renderer as one,
    joined by ":" (`"category" 12 "Science"` -> "category:12:Science")."""
    return mark_safe(personal.marker(name, ":".join(str(arg) for arg in args)))


@register.simple_tag
def shows(*objects):
    """Declare that the page (and any fragment around this spot) shows these objects: each
    has a `cache_key` (a picture), or `card_keys` when its card shows more than its own row
    (an article's card: a live page's latest update). Writes nothing into the page."""
    for obj in objects:
        if obj:
            cache.depends_on(None, *getattr(obj, "card_keys", None) or [obj.cache_key])
    return ""


class FragmentNode(template.Node):
    def __init__(self, name, parts, depends, nodelist):
        self.name, self.parts, self.depends, self.nodelist = name, parts, depends, nodelist

    def render(self, context):
        name = ":".join(
            [self.name.resolve(context), *(str(part.resolve(context)) for part in self.parts)]
        )
        keys = set()
        for value in (expression.resolve(context) for expression in self.depends):
            keys.update(value.split() if isinstance(value, str) else value)
        with context.push():
            html = cache.cached_fragment(name, lambda: self.nodelist.render(context), keys)
        return mark_safe(html)


@register.tag
def fragment(parser, token):
    """{% fragment "name" part... depends key-or-list... %}…{% endfragment %}

    The block's HTML is kept in the shared cache under the name and parts, and is fresh
    while the keys given after `depends` (strings of space-separated keys or lists), and
    those named while it rendered, are unchanged. Nothing in it may belong to one reader.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("fragment needs a name")
    words = bits[2:]
    split = words.index("depends") if "depends" in words else len(words)
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in words[:split]],
        [parser.compile_filter(bit) for bit in words[split + 1 :]],
        nodelist,
    )
