from django.conf import settings
from django.db import models

from articles.models import Article


class Autosave(models.Model):
    """One person's unsaved text of one article: replaced at each autosave, deleted when they
    save the article. Never public and never a revision: the article's row, its history and
    every cache key stay as they were."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(
        default=dict, help_text="The change form's text fields as typed, by field name."
    )
    base_version = models.PositiveIntegerField(
        help_text="The article's lock_version when the writer opened the form."
    )
    base_revision = models.CharField(
        max_length=20,
        blank=True,
        help_text="The history id of that version (the form's edit_revision); empty if unknown.",
    )
    saved_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="autosave_one_per_person")
        ]

    def __str__(self):
        return f"Autosave of article {self.article_id} by user {self.user_id}"
