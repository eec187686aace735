"""Fronts in the admin: a front with its zones, a zone with its placed stories (inlines),
and the breaking-news banner on one page (set it, or clear it, in two clicks).

Editors change fronts and set the banner (their group's permissions, migration 0002);
Writers may look. Every save names the front's page through `receivers.py`; the banner
goes through `services.py`. The drag-and-drop editor will replace these forms."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from .models import Banner, Front, Placement, Zone
from .services import SET_BANNER, banner_clear, banner_set


class ZoneInline(admin.TabularInline):
    model = Zone
    extra = 0
    fields = ["position", "kind", "title", "size", "rule", "category", "tag", "author"]
    raw_id_fields = ["tag", "author"]
    show_change_link = True


@admin.register(Front)
class FrontAdmin(admin.ModelAdmin):
    list_display = ["__str__", "updated_at", "updated_by"]
    inlines = [ZoneInline]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class PlacementInline(admin.StackedInline):
    model = Placement
    extra = 1
    fields = ["position", "article", "headline", "standfirst", "image", "label"]
    autocomplete_fields = ["article"]
    raw_id_fields = ["image"]


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ["__str__", "front", "kind", "position", "rule"]
    list_filter = ["front"]
    fields = ["front", "position", "kind", "title", "size", "rule", "category", "tag", "author"]
    raw_id_fields = ["tag", "author"]
    inlines = [PlacementInline]


EXPIRY_CHOICES = [
    ("", "Until cleared"),
    ("15", "15 minutes"),
    ("60", "1 hour"),
    ("180", "3 hours"),
    ("720", "12 hours"),
]


class BannerForm(forms.Form):
    text = forms.CharField(max_length=200, label="Banner text")
    link = forms.CharField(max_length=500, required=False, label="Link (optional)")
    urgency = forms.ChoiceField(choices=Banner.Urgency.choices, initial=Banner.Urgency.BREAKING)
    expires_in = forms.ChoiceField(choices=EXPIRY_CHOICES, required=False, label="Show for")


@admin.register(Banner)
class BannerAdmin(admin.ModelAdmin):
    """One page: the banner up now with its Clear button, the form that sets a new one,
    and the last few for the record. No add or change forms of its own."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path("set/", self.admin_site.admin_view(self.set_view), name="fronts_banner_set"),
            path("clear/", self.admin_site.admin_view(self.clear_view), name="fronts_banner_clear"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None, form=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        current = Banner.objects.current().select_related("set_by").first()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Breaking-news banner",
            "current": current,
            "form": form or BannerForm(),
            "can_set": request.user.has_perm(SET_BANNER),
            "recent": Banner.objects.select_related("set_by", "cleared_by")[:10],
        }
        return TemplateResponse(request, "admin/fronts/banner/banner.html", context)

    def set_view(self, request):
        if request.method != "POST":
            return redirect("admin:fronts_banner_changelist")
        form = BannerForm(request.POST)
        if form.is_valid():
            minutes = form.cleaned_data["expires_in"]
            expires_at = timezone.now() + timedelta(minutes=int(minutes)) if minutes else None
            try:
                banner_set(
                    user=request.user,
                    text=form.cleaned_data["text"],
                    link=form.cleaned_data["link"],
                    urgency=form.cleaned_data["urgency"],
                    expires_at=expires_at,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "The banner is up on every page.")
                return redirect("admin:fronts_banner_changelist")
        return self.changelist_view(request, form=form)

    def clear_view(self, request):
        if request.method == "POST":
            if banner_clear(user=request.user):
                messages.success(request, "The banner is down.")
            else:
                messages.info(request, "No banner was up.")
        return redirect("admin:fronts_banner_changelist")
