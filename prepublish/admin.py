"""Admin for the one PublishCheckSettings row (as articles/admin/site_identity.py) and the
link check results."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from .checks import CHECKS
from .models import LinkCheck, PublishCheckSettings


@admin.register(PublishCheckSettings)
class PublishCheckSettingsAdmin(admin.ModelAdmin):
    fields = [check.__name__ for check in CHECKS]  # in the order the panel lists them
    radio_fields = dict.fromkeys(fields, admin.HORIZONTAL)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not PublishCheckSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False  # without the row the defaults stand; edit it instead

    def changelist_view(self, request, extra_context=None):
        # One row: the list would only ever hold it, so go straight to the form.
        row = PublishCheckSettings.objects.first()
        if row is None:
            return redirect(reverse("admin:prepublish_publishchecksettings_add"))
        return redirect(reverse("admin:prepublish_publishchecksettings_change", args=[row.pk]))


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    list_display = ["url", "status", "error", "checked_at"]
    list_filter = ["status"]
    search_fields = ["url"]
    readonly_fields = ["url", "status", "error", "checked_at"]

    def has_add_permission(self, request):
        return False
