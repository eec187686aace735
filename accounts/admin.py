from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.urls import reverse

from .forms import clean_photo, photo_field
from .models import User


class UserAdminForm(UserChangeForm):
    avatar = photo_field()
    clean_avatar = clean_photo


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserAdminForm
    list_display = ["username", "display_name", "email", "is_staff", "is_active", "date_joined"]
    search_fields = ["username", "display_name", "first_name", "last_name", "email"]
    prepopulated_fields = {"slug": ["display_name"]}
    add_fieldsets = (
        (None, {"fields": ["username", "display_name", "email", "password1", "password2"]}),
    )
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Public profile", {"fields": ["display_name", "slug", "bio", "avatar"]}),
        ("Notifications", {"fields": ["notify_on_reply"]}),
    )

    def get_prepopulated_fields(self, request, obj=None):
        # The add form has no slug field: the model fills it from the name on first save.
        return self.prepopulated_fields if obj else {}

    def has_view_permission(self, request, obj=None):
        # Writers and editors pick co-authors through the article form's autocomplete,
        # without being able to browse readers' accounts.
        if obj is None and request.path == reverse("admin:autocomplete"):
            return request.user.has_perm("articles.change_article")
        return super().has_view_permission(request, obj)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.path == reverse("admin:autocomplete"):
            queryset = queryset.filter(is_staff=True)
        return queryset, may_have_duplicates
