"""Who may read an article in full: the memberships app's rule, handed in at start-up.

Every surface that shows an article's text (the page, its JSON-LD, the API, search
excerpts) asks here, so a members-only story is withheld the same way everywhere; this app
and the apps above it never import memberships. Until a gate is set (`gate`), every article
is open to everyone, as before memberships existed. Access narrows `published()`, never
widens it: these are asked only about articles already public.
"""

# Set by memberships/apps.py: an object with the six methods below, each taking an article.
gate = None


def body_html(article):
    """The body block of the article's page: shared HTML for everyone, with the part some
    readers may not read left as a marker filled per reader (shared/personal.py)."""
    if gate is None:
        return article.body_html
    return gate.body_html(article)


def is_withheld(article):
    """True when some reader may not read the article in full (members, a tier, registered
    readers): its text must then stay out of every shared surface."""
    return gate is not None and gate.is_withheld(article)


def may_read(request, article):
    """Whether this reader may read the article in full: what fills a walled story's
    personal parts (its body past the teaser, a live page's stream) for them alone."""
    return gate is None or gate.may_read(request, article)


def public_body_html(article):
    """What a surface served to anyone may show of the body: all of it, or the teaser."""
    if gate is None:
        return article.body_html
    return gate.public_body_html(article)


def public_body_source(article):
    """The body's Markdown a surface anyone may search can hold (the search index): all of
    it, or the teaser's alone for a story behind a wall."""
    if gate is None:
        return article.body
    return gate.public_body_source(article)


def structured_data(article):
    """schema.org properties for a story behind a wall (Google's paywalled-content markup):
    {} for an open one."""
    if gate is None:
        return {}
    return gate.structured_data(article)
