"""A person's notifications in the admin: the list, opening one, marking all read, and
their preferences. Each person sees only their own."""

from django.contrib import admin, messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from . import kinds, services
from .forms import PreferencesForm
from .models import Notification

PER_PAGE = 50


def _context(request, title, **extra):
    return {**admin.site.each_context(request), "title": title, **extra}


def notification_list(request):
    """Newest first; unread ones marked."""
    notifications = Notification.objects.in_admin_for(request.user).select_related("article")
    page = Paginator(notifications, PER_PAGE).get_page(request.GET.get("page"))
    unread = Notification.objects.unread_for(request.user).count()
    context = _context(request, "Notifications", page=page, unread=unread)
    return TemplateResponse(request, "admin/notifications/list.html", context)


def notification_open(request, pk):
    """Opening one marks it read and goes to what it is about."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notification_open(notification=notification)
    return redirect(notification.target_url())


@require_POST
def mark_all_read(request):
    count = services.notifications_mark_all_read(user=request.user)
    messages.success(request, f"{count} notification{'s'[: count != 1]} marked as read.")
    return redirect("notifications:list")


def preferences(request):
    initial = services.channels_for_user(request.user)
    form = PreferencesForm(request.POST or None, initial_choices=initial)
    if request.method == "POST" and form.is_valid():
        services.preferences_set(user=request.user, choices=form.choices())
        messages.success(request, "Your notification preferences are saved.")
        return redirect("notifications:preferences")
    context = _context(request, "Notification preferences", form=form, kinds=kinds.KINDS)
    return TemplateResponse(request, "admin/notifications/preferences.html", context)
