from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "email", "is_staff", "is_active", "date_joined"]
    search_fields = ["username", "display_name", "first_name", "last_name", "email"]
    prepopulated_fields = {"slug": ["display_name"]}
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Public profile", {"fields": ["display_name", "slug", "bio", "avatar"]}),
        ("Notifications", {"fields": ["notify_on_reply"]}),
    )
