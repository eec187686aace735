from django import template

register = template.Library()


@register.inclusion_tag("comments/_article_comments.html", takes_context=True)
def article_comments(context, article):
    """The comments area under an article; the article app knows nothing of comments."""
    return {"article": article, "request": context.get("request"), "user": context.get("user")}
