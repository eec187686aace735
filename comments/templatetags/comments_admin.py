from django import template

from comments.admin_moderation import review_counts

register = template.Library()


@register.simple_tag
def comment_review_counts():
    """Two counts for the admin index; asked only by editors who can moderate."""
    return review_counts()
