"""The live desk: a page of the admin where journalists post to a live page all afternoon.

A short form that stays on the page after posting, the stream below as readers see it
(the public partial), and for editors the buttons to edit, pin, delete and end. Every
action is a POST to the same page that goes through `live.services`, so a forged POST meets
the same refusal (403) as a button that was never shown.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from articles.models import Article
from shared.numbers import positive

from . import services, stream
from .forms import UpdateForm
from .models import LiveUpdate

DESK_PAGE = 20


def desk_url(article, **query):
    url = reverse("admin:live_liveupdate_desk", args=[article.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def desk_view(model_admin):
    def view(request, article_id):
        user = request.user
        if not user.has_perm("live.view_liveupdate"):
            raise PermissionDenied
        # The article's own admin rule: a writer's desk is only on the articles they may
        # open, so a colleague's draft, review or schedule answers 404 here as well.
        article = get_object_or_404(Article.objects.visible_to(user), pk=article_id)
        editing = None
        if "edit" in request.GET or "update" in request.POST:
            raw = request.POST.get("update") or request.GET.get("edit")
            editing = get_object_or_404(LiveUpdate.objects.visible().of(article), pk=_number(raw))
            if not services.user_can_edit_update(user, editing):
                raise PermissionDenied
        if request.method == "POST":
            answer = act(request, article, editing)
            if answer is not None:
                return answer
            form = request.desk_form
        elif editing is not None:
            form = UpdateForm(initial=UpdateForm.initial_from(editing), editing=True)
        else:
            form = UpdateForm(can_pin=services.user_can_moderate(user))
        return TemplateResponse(
            request,
            "admin/live/desk.html",
            {
                **model_admin.admin_site.each_context(request),
                **desk_context(request, article, form, editing),
                "opts": LiveUpdate._meta,
                "media": model_admin.media + form.media,
            },
        )

    return view


def act(request, article, editing):
    """Run the POSTed action; a redirect back to the desk when done, None to show the
    form again with what was typed and why it was refused."""
    user, action = request.user, request.POST.get("action", "post")
    if action in ("start", "end"):
        start_or_end = services.start_coverage if action == "start" else services.end_coverage
        try:
            start_or_end(article=article, user=user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                "Live coverage started: post the first update."
                if action == "start"
                else "Live coverage ended; the page stays up as an archive.",
            )
        return redirect(desk_url(article))
    if action in ("pin", "unpin", "delete"):
        target = get_object_or_404(
            LiveUpdate.objects.visible().of(article), pk=_number(request.POST.get("target"))
        )
        if action == "delete":
            services.delete_update(update=target, user=user)
            messages.success(request, "Update deleted; open pages drop it at their next poll.")
        else:
            services.pin_update(update=target, user=user, pinned=action == "pin")
            messages.success(request, "Update pinned." if action == "pin" else "Update unpinned.")
        return redirect(desk_url(article))
    form = UpdateForm(
        request.POST,
        can_pin=services.user_can_moderate(user),
        editing=editing is not None,
    )
    request.desk_form = form
    if not form.is_valid():
        return None
    data = form.cleaned_data
    fields = {
        "body": data["body"],
        "headline": data["headline"],
        "image": data["image"],
        "embed_url": data["embed_url"],
        "is_key_point": data["is_key_point"],
    }
    try:
        if editing is not None:
            services.edit_update(
                update=editing, user=user, is_correction=data["is_correction"], **fields
            )
        else:
            services.post_update(
                article=article, user=user, is_pinned=data.get("is_pinned", False), **fields
            )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, "Saved." if editing is not None else "Posted: readers see it now.")
    return redirect(desk_url(article))


def _number(raw):
    return positive(raw, 0)


def desk_context(request, article, form, editing):
    user = request.user
    updates = LiveUpdate.objects.of(article).for_display()
    page = Paginator(updates.stream(), DESK_PAGE).get_page(request.GET.get("page"))
    pinned = updates.visible().filter(is_pinned=True).first() if page.number == 1 else None
    shown = ([pinned] if pinned else []) + list(page.object_list)
    can_moderate = services.user_can_moderate(user)
    for update in shown:
        update.can_edit = services.user_can_edit_update(user, update)
    return {
        "title": f"Live desk: {article.headline}",
        "article": article,
        "form": form,
        "editing": editing,
        "shown": shown,
        "page": page,
        "can_post": article.is_live and services.user_can_post(user, article),
        "is_on_page": services.user_is_on_page(user, article),
        "can_moderate": can_moderate,
        "can_run": services.user_can_run_coverage(user),
        "per_page": stream.PER_PAGE,
    }
