"""Reader-facing pages: subscribe (double opt-in), confirm, follow, preferences and
unsubscribe. None of them is a shared cached page: each carries a form or acts on a link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from shared.client_address import client_ip

from . import conf, follows, services, tokens
from .forms import PreferencesForm, SubscribeForm
from .models import Kind, Subscriber, Suppression

LIMITS = {"ip": "20/h", "email": "3/h"}


def limited(request):
    keys = {
        "ip": lambda group, request: client_ip(request),
        "email": lambda group, request: request.POST.get("email", "").strip().lower(),
    }
    return any(
        is_ratelimited(
            request,
            group=f"subscribe-{name}",
            key=keys[name],
            rate=rate,
            method="POST",
            increment=True,
        )
        for name, rate in LIMITS.items()
    )


@require_http_methods(["GET", "POST"])
def subscribe(request):
    follow = request.GET.get("follow", "")
    target = follows.parse(follow)
    form = SubscribeForm(request.POST or None, initial={"follow": follow})
    if request.method == "POST" and limited(request):
        context = {"form": form, "refused": True}
        return render(request, "newsletters/subscribe.html", context, status=429)
    if form.is_valid():
        services.subscription_request(**form.cleaned_data)
        return render(request, "newsletters/check_inbox.html")
    context = {"form": form, "follow_name": follows.label(target[1]) if target else ""}
    return render(request, "newsletters/subscribe.html", context)


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    found = tokens.read_confirm(token)
    if found is None:
        return render(request, "newsletters/confirm.html", {"expired": True}, status=400)
    if request.method == "POST":
        subscriber, target = services.subscription_confirm(email=found[0], follow=found[1])
        context = {"confirmed": True, "preferences": tokens.preferences_token(subscriber)}
        context["follow_name"] = follows.label(target[1]) if target else ""
        return render(request, "newsletters/confirm.html", context)
    # A button, not the GET itself: mail scanners open links without meaning to subscribe.
    return render(request, "newsletters/confirm.html", {"email": found[0]})


@login_required
@require_POST
def follow(request):
    subscriber = services.subscriber_for_user(request.user)
    on = request.POST.get("on") == "1"
    target = services.subscriber_follow(
        subscriber=subscriber, spec=request.POST.get("follow", ""), follow=on
    )
    if target is None:
        return HttpResponse("There is nothing of that name to follow.", status=400)
    name = follows.label(target)
    messages.success(
        request, f"You follow {name} by email." if on else f"You no longer follow {name}."
    )
    back = target.get_absolute_url() if hasattr(target, "get_absolute_url") else "/"
    return redirect(back)


@login_required
def preferences(request):
    return edit_preferences(request, services.subscriber_for_user(request.user))


def preferences_link(request, token):
    pk = tokens.read_preferences(token)
    if pk is None:
        return render(request, "newsletters/confirm.html", {"expired": True}, status=400)
    return edit_preferences(request, get_object_or_404(Subscriber, pk=pk))


def edit_preferences(request, subscriber):
    if request.method == "POST" and "forget" in request.POST:
        email = subscriber.email
        services.subscriber_forget(subscriber=subscriber)
        return render(request, "newsletters/forgotten.html", {"email": email})
    followed = follows.of(subscriber)
    initial = {name: getattr(subscriber, name) for name in PreferencesForm.KINDS}
    form = PreferencesForm(request.POST or None, initial=initial, followed=followed)
    if form.is_valid():
        services.subscriber_preferences_set(subscriber=subscriber, **form.cleaned_data)
        messages.success(request, "Your email preferences are saved.")
        return redirect(request.path)
    kinds = [form[name] for name in PreferencesForm.KINDS]
    context = {
        "form": form,
        "kinds": kinds,
        "getting": [f.label.lower() for f in kinds if getattr(subscriber, f.name)],
        "not_getting": [f.label.lower() for f in kinds if not getattr(subscriber, f.name)],
        "subscriber": subscriber,
        "followed": followed,
        "suppression": Suppression.objects.filter(email=subscriber.email).first(),
    }
    return render(request, "newsletters/preferences.html", context)


@require_GET
def privacy(request):
    context = {"tracking": conf.tracking(), "confirm_days": conf.confirm_days()}
    return render(request, "newsletters/privacy.html", context)


ONE_CLICK = ("List-Unsubscribe", "One-Click")  # RFC 8058's body; the page's button sends it too


@csrf_exempt  # RFC 8058: the mailbox provider posts with no session; the signature suffices
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    found = tokens.read_unsubscribe(token)
    if found is None or found[1] not in Kind.values:
        return render(request, "newsletters/unsubscribe.html", {"invalid": True}, status=400)
    kind = Kind(found[1])
    if request.method == "POST" and request.POST.get(ONE_CLICK[0]) != ONE_CLICK[1]:
        # Not a one-click unsubscribe (a scanner, a stray form): ask, as for a GET.
        context = {"kind": kind, "one_click": ONE_CLICK}
        return render(request, "newsletters/unsubscribe.html", context, status=400)
    if request.method == "POST":
        subscriber = services.subscriber_unsubscribe(subscriber_id=found[0], kind=kind)
        context = {"done": True, "kind": kind, "subscriber": subscriber}
        if subscriber:
            context["preferences"] = tokens.preferences_token(subscriber)
        return render(request, "newsletters/unsubscribe.html", context)
    return render(request, "newsletters/unsubscribe.html", {"kind": kind, "one_click": ONE_CLICK})
