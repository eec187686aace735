"""API keys (editors issue them to partners) and staff tokens (each account its own).

A secret is shown once, on the page that follows its creation, and never again: only its
digest is stored. Revoking is immediate, and a revoked credential stays listed.
"""

from django.contrib import admin, messages
from django.core.cache import cache
from django.template.response import TemplateResponse

from .models import ApiKey, StaffToken, credential_cache_key


class CredentialAdmin(admin.ModelAdmin):
    readonly_fields = ["key_prefix", "created_at", "revoked_at"]
    actions = ["revoke_selected"]

    @admin.display(boolean=True, description="active")
    def active(self, credential):
        return credential.is_active

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, never deleted: the list says what was once let in

    def save_model(self, request, obj, form, change):
        if not change:
            obj._secret = obj.issue()
        super().save_model(request, obj, form, change)
        cache.delete(credential_cache_key(obj.key_digest))

    def response_add(self, request, obj, post_url_continue=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "credential": obj,
            "secret": obj._secret,
            "title": f"Your new {self.opts.verbose_name}",
        }
        response = TemplateResponse(request, "admin/api/credential_created.html", context)
        # The secret is on this page only: no browser or proxy may keep a copy.
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description="Revoke the selected credentials")
    def revoke_selected(self, request, queryset):
        revoked = 0
        for credential in queryset.filter(revoked_at__isnull=True):
            credential.revoke()
            revoked += 1
        self.message_user(request, f"Revoked {revoked}.", messages.SUCCESS)


@admin.register(ApiKey)
class ApiKeyAdmin(CredentialAdmin):
    list_display = ["name", "key_prefix", "contact", "requests_per_minute", "active", "created_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "contact", "key_prefix"]
    fields = ["name", "contact", "requests_per_minute", *CredentialAdmin.readonly_fields]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(StaffToken)
class StaffTokenAdmin(CredentialAdmin):
    """Any staff account makes and revokes its own tokens; superusers see everyone's."""

    list_display = ["name", "user", "key_prefix", "active", "created_at", "last_used_at"]
    fields = ["name", "user", *CredentialAdmin.readonly_fields, "last_used_at"]

    def get_queryset(self, request):
        tokens = super().get_queryset(request).select_related("user")
        return tokens if request.user.is_superuser else tokens.filter(user=request.user)

    def get_readonly_fields(self, request, obj=None):
        fixed = [*self.readonly_fields, "last_used_at"]
        return fixed if request.user.is_superuser and obj is None else [*fixed, "user"]

    def get_changeform_initial_data(self, request):
        return {"user": request.user.pk}

    def save_model(self, request, obj, form, change):
        if not change and not request.user.is_superuser:
            obj.user = request.user
        super().save_model(request, obj, form, change)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)
