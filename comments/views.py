from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from articles.models import Article
from shared import site_address
from shared.client_address import client_ip

from . import services
from .forms import CommentEditForm, CommentForm
from .models import Comment

REFUSAL_STATUS = {"rate_limited": 429, "duplicate": 409}


def _form_page(request, *, article, form, parent=None, status=200):
    context = {"article": article, "form": form, "parent": parent}
    return render(request, "comments/comment_form.html", context, status=status)


@require_POST
def comment_post_view(request, article_id):
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    if not request.user.is_authenticated:
        # Back to the comments after logging in, not to this POST-only address.
        return redirect_to_login(f"{article.get_absolute_url()}#comments")
    form = CommentForm(request.POST)
    parent = None
    if form.is_valid():
        if form.is_bot():
            return redirect(f"{article.get_absolute_url()}#comments")
        if form.cleaned_data["parent"]:
            parent = get_object_or_404(Comment, pk=form.cleaned_data["parent"], article=article)
        try:
            comment = services.comment_post(
                article=article,
                author=request.user,
                body=form.cleaned_data["body"],
                parent=parent,
                ip_address=client_ip(request),
                site_url=site_address.absolute_url("/"),
            )
        except ValidationError as error:
            form.add_error("body", error)
        except services.CommentRefused as refusal:
            form.add_error(None, refusal.message)
            status = REFUSAL_STATUS.get(refusal.code, 403)
            return _form_page(request, article=article, form=form, parent=parent, status=status)
        else:
            if comment.status == Comment.Status.APPROVED:
                return redirect(comment.get_absolute_url())
            messages.info(
                request, "Thank you. Your comment will appear once an editor has read it."
            )
            return redirect(f"{article.get_absolute_url()}#comments")
    return _form_page(request, article=article, form=form, parent=parent, status=400)


@login_required
def comment_reply_view(request, pk):
    """The reply form on its own page, for readers without JavaScript."""
    parent = get_object_or_404(
        Comment.objects.approved().select_related("article", "author"),
        pk=pk,
        article__in=Article.objects.published(),
    )
    form = CommentForm(initial={"parent": parent.pk})
    return _form_page(request, article=parent.article, form=form, parent=parent)


def _own_comment(request, pk):
    # Only the author's own comments are found: another person's id is a 404, not a 403.
    return get_object_or_404(Comment.objects.select_related("article"), pk=pk, author=request.user)


@login_required
def comment_edit_view(request, pk):
    comment = _own_comment(request, pk)
    if not comment.can_be_edited_by(request.user):
        messages.error(request, "This comment can no longer be edited.")
        return redirect(comment.get_absolute_url())
    # The author goes on from their latest text, the held edit when one waits.
    initial = {"body": comment.held_edit or comment.body}
    form = CommentEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(
                comment=comment, user=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error("body", error)
        except PermissionDenied:
            form.add_error(None, "This comment can no longer be edited.")
        except services.CommentRefused as refusal:
            form.add_error(None, refusal.message)
            context = {"comment": comment, "form": form}
            return render(request, "comments/comment_edit.html", context, status=403)
        else:
            _tell_what_readers_see(request, comment)
            return redirect(comment.get_absolute_url())
    status = 400 if form.is_bound else 200
    return render(
        request, "comments/comment_edit.html", {"comment": comment, "form": form}, status=status
    )


def _tell_what_readers_see(request, comment):
    """The author's page cannot show them an edit that waits, so say where it went."""
    if comment.held_edit:
        messages.info(
            request,
            "Your edit is waiting for approval; readers see your earlier text until then.",
        )
    elif comment.is_pending:
        messages.info(request, "Your comment will appear once an editor has read it.")


@login_required
def comment_delete_view(request, pk):
    comment = _own_comment(request, pk)
    if request.method == "POST":
        services.comment_delete(comment=comment, user=request.user)
        return redirect(comment.get_absolute_url())
    return render(request, "comments/comment_confirm_delete.html", {"comment": comment})


@require_POST
def comment_flag_view(request, pk):
    comment = get_object_or_404(
        Comment.objects.approved().select_related("article"),
        pk=pk,
        article__in=Article.objects.published(),
    )
    if not request.user.is_authenticated:
        return redirect_to_login(comment.get_absolute_url())
    if services.comment_flag(comment=comment, user=request.user):
        messages.info(request, "Thank you. The editors will look at this comment.")
    else:
        messages.info(request, "You have already flagged this comment.")
    return redirect(comment.get_absolute_url())
