"""Links other apps add to an article's page in the admin ("Send as a breaking-news
alert"), so this app shows them without knowing those apps: they register here when they
load, as they listen to `articles.events`."""

_tools = []


def register(tool):
    """tool(request, article) -> (label, url) to show for this user and article, or None."""
    if tool not in _tools:
        _tools.append(tool)


def for_article(request, article):
    return [link for link in (tool(request, article) for tool in _tools) if link]
