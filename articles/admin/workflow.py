"""The editor's "send back to the writer" page: a note, then the article returns to draft."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from .. import services
from ..models import Article
from . import save_hooks


class SendBackForm(forms.Form):
    note = forms.CharField(
        label="Note for the writer",
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80}),
        max_length=services.MAX_NOTE_CHARS,
        help_text="What the article needs before it can run. The writer sees this at the top "
        "of the article's page in the admin, and it stays in the history.",
    )


def send_back(model_admin):
    def view(request, pk):
        article = get_object_or_404(model_admin.get_queryset(request), pk=pk)
        if not services.user_can_publish(request.user):
            raise PermissionDenied
        form = SendBackForm(request.POST or None)
        # Someone else holds the story (the soft lock): said before the note is written, and
        # a post is refused with the note kept, as the change form refuses their save.
        held = save_hooks.skip_message(article, request.user)
        if held is not None and form.is_bound:
            form.add_error(None, held)
        if request.method == "POST" and form.is_valid():
            try:
                services.article_send_back(
                    article=article, user=request.user, note=form.cleaned_data["note"]
                )
            except ValidationError as error:
                form.add_error("note", error)
            else:
                writers = ", ".join(author.public_name for author in article.authors.all())
                messages.success(
                    request,
                    f"“{article.headline}” is back in draft. {writers or 'The writer'} sees "
                    "your note on its page.",
                )
                return redirect("admin:articles_article_review_queue")
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": Article._meta,
            "original": article,
            "title": f"Send “{article.headline}” back to the writer",
            "form": form,
            "in_review": article.status == Article.Status.IN_REVIEW,
            "held": held,
        }
        return TemplateResponse(request, "admin/articles/article/send_back.html", context)

    return view
