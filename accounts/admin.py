from django.apps import apps
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
        # Autocomplete fields pick accounts for another form (an article's co-authors, a
        # comment ban) without letting the person browse accounts: whoever may fill in that
        # form may search.
        if obj is None and request.path == reverse("admin:autocomplete"):
            source = self.autocomplete_source(request)
            return source is not None and any(
                request.user.has_perm(
                    f"{source[0]._meta.app_label}.{action}_{source[0]._meta.model_name}"
                )
                for action in ("add", "change")
            )
        return super().has_view_permission(request, obj)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.path == reverse("admin:autocomplete"):
            source = self.autocomplete_source(request)
            finds_readers = source is not None and source[1] in getattr(
                source[2], "autocomplete_finds_readers", ()
            )
            # Bylines name staff; a form that is about readers (a ban) says so itself.
            if not finds_readers:
                queryset = queryset.filter(is_staff=True)
        return queryset, may_have_duplicates

    def autocomplete_source(self, request):
        """(model, field name, model admin) of the form asking, or None if it is not known."""
        try:
            model = apps.get_model(request.GET["app_label"], request.GET["model_name"])
        except (KeyError, LookupError):
            return None
        try:
            model_admin = self.admin_site.get_model_admin(model)
        except admin.sites.NotRegistered:
            return None
        return model, request.GET.get("field_name", ""), model_admin
