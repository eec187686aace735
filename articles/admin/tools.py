"""Links other apps add to an article's change page: the live desk, a breaking-news alert.

Each is a callable (request, article) -> (label, url) or None, appended when its app loads;
this app knows none of them.
"""

ARTICLE_TOOLS = []
