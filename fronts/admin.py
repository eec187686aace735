"""Fronts in the admin: a front with its zones, a zone with its placed stories (inlines),
and the breaking-news banner on one page (set it, or clear it, in two clicks).

Editors change fronts and set the banner (their group's permissions, migration 0002);
Writers may look. Every save names the front's page through `receivers.py`; the banner
goes through `services.py`. The drag-and-drop editor will replace these forms."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from . import services
from .editor import layout_view, said, search_view
from .models import Banner, Front, FrontVersion, Placement, Zone
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
    change_form_template = "admin/fronts/front/change_form.html"

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.record_edit(front=form.instance, user=request.user)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("layout-search/", view(search_view), name="fronts_front_search"),
            path(
                "<int:front_id>/layout/",
                view(lambda request, front_id: layout_view(request, front_id, self)),
                name="fronts_front_layout",
            ),
            path(
                "<int:front_id>/layouts/",
                view(self.layouts_view),
                name="fronts_front_layouts",
            ),
            path(
                "<int:front_id>/layouts/<int:version_id>/<str:action>/",
                view(self.version_action),
                name="fronts_front_version",
            ),
            *super().get_urls(),
        ]

    def layouts_view(self, request, front_id):
        """The front's history: every saved layout, who saved it and what changed, with
        "Revert to this" and, for Editors, the proposals to publish."""
        front = get_object_or_404(Front, pk=front_id)
        if not self.has_view_permission(request, front):
            raise PermissionDenied
        services.apply_due()  # a layout due now shows as published here too
        history = front.versions.select_related("created_by", "published_by", "rejected_by")
        history = list(history.order_by("-created_at", "-pk")[:100])
        current = services.current_version(front)
        for version in history:
            # A scheduled layout made from one that has been replaced since: said on its row.
            version.replaces = services.changed_since_scheduled(version, current)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "front": front,
            "title": f"History of the {front}",
            "history": history,
            "can_publish": services.can_publish(request.user),
            "can_propose": services.can_propose(request.user),
        }
        return TemplateResponse(request, "admin/fronts/front/layouts.html", context)

    def version_action(self, request, front_id, version_id, action):
        version = get_object_or_404(FrontVersion, pk=version_id, front_id=front_id)
        if not self.has_view_permission(request, version.front):
            raise PermissionDenied
        back = redirect("admin:fronts_front_layouts", front_id)
        if request.method != "POST" or action not in ("revert", "publish", "reject", "cancel"):
            return back
        try:
            if action == "cancel":
                services.cancel_schedule(version=version, user=request.user)
                messages.success(request, "The schedule is cancelled: the front stays as it is.")
                return back
            if action == "revert":
                made = services.revert(version=version, user=request.user)
            elif action == "reject":
                services.reject_proposal(
                    version=version, user=request.user, note=request.POST.get("note", "")
                )
                messages.success(request, "The proposal is rejected; its writer is told.")
                return back
            else:
                replacing = request.POST.get("replacing", "")
                made = services.publish_proposal(
                    version=version,
                    user=request.user,
                    replacing=int(replacing) if replacing.isdigit() else None,
                )
        except services.NothingChanged as unchanged:  # a revert to the layout up now
            messages.info(request, str(unchanged))
            return back
        except services.LayoutMovedOn as moved:
            # Made from an older layout: what was published since, before it is undone.
            return self.confirm_publish(request, version, moved)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return back
        messages.success(request, said(made))
        return back

    def confirm_publish(self, request, version, moved):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "front": version.front,
            "version": version,
            "title": f"Publish this proposal of the {version.front}?",
            "changes": moved.changes,
            "replacing": moved.current,
        }
        return TemplateResponse(
            request, "admin/fronts/front/confirm_publish.html", context, status=409
        )


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

    # A zone's edits are its front's: who and when, and a version in the front's history.
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.record_edit(front=form.instance.front, user=request.user)

    def delete_model(self, request, obj):
        front = obj.front
        super().delete_model(request, obj)
        services.record_edit(front=front, user=request.user)

    def delete_queryset(self, request, queryset):
        fronts = list(Front.objects.filter(zones__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for front in fronts:
            services.record_edit(front=front, user=request.user)


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
