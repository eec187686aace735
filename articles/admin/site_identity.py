"""Admin for the one SiteIdentity row."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from ..models import SiteIdentity


@admin.register(SiteIdentity)
class SiteIdentityAdmin(admin.ModelAdmin):
    POLICY_PAGES = ["corrections_policy", "ethics_policy", "masthead"]
    fields = ["name", "tagline", "language", "logo", "default_social_image", *POLICY_PAGES]
    autocomplete_fields = ["logo", "default_social_image", *POLICY_PAGES]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteIdentity.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False  # without the row the site falls back to settings; edit it instead

    def changelist_view(self, request, extra_context=None):
        # One row: the list would only ever hold it, so go straight to the form.
        identity = SiteIdentity.objects.first()
        if identity is None:
            return redirect(reverse("admin:articles_siteidentity_add"))
        return redirect(reverse("admin:articles_siteidentity_change", args=[identity.pk]))
