"""Editors set tiers, the meter and who may read what, and grant complimentary memberships."""

from django.contrib import admin
from django.urls import reverse

from articles.admin.tools import ARTICLE_TOOLS

from .models import (
    AccessRule,
    Membership,
    MeterSettings,
    ProviderEvent,
    ReconciliationRun,
    Tier,
)


def access_tool(request, article):
    """The article's tool bar names who may read it, linking to its rule (or a new one)."""
    if not request.user.has_perm("memberships.change_accessrule"):
        return None
    rule = AccessRule.objects.filter(article=article).first()
    if rule is None:
        url = reverse("admin:memberships_accessrule_add") + f"?article={article.pk}"
        return "Who may read it: as its category says", url
    url = reverse("admin:memberships_accessrule_change", args=[rule.pk])
    return f"Who may read it: {rule.who_may_read()}", url


ARTICLE_TOOLS.append(access_tool)


@admin.register(Tier)
class TierAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "rank", "monthly_price", "yearly_price", "is_active")
    list_filter = ("kind", "is_active")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "description", "is_active", "position")}),
        ("Who reads what", {"fields": ("rank",)}),
        ("Prices (paid tiers)", {"fields": ("monthly_price", "yearly_price")}),
        ("Who belongs (group tiers)", {"fields": ("email_domains", "ip_ranges")}),
    )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "tier", "status", "current_period_end", "source", "granted_by")
    list_filter = ("status", "source", "tier")
    search_fields = ("user__username", "user__email")
    autocomplete_fields = ("user",)
    readonly_fields = ("source", "granted_by", "created_at", "updated_at")
    fields = (
        "user",
        "tier",
        "status",
        "current_period_end",
        "note",
        "source",
        "granted_by",
        "created_at",
        "updated_at",
    )

    def save_model(self, request, obj, form, change):
        # Every membership an Editor adds here is complimentary: paid ones come from the
        # payment provider (memberships/providers.py).
        if not change:
            obj.source = Membership.Source.COMPLIMENTARY
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(AccessRule)
class AccessRuleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "who_may_read")
    list_filter = ("level",)
    autocomplete_fields = ("article", "category", "page")
    fields = ("article", "category", "page", "level", "tier")
    list_select_related = ("article", "category", "page", "tier")

    @admin.display(description="Who may read it")
    def who_may_read(self, obj):
        return obj.who_may_read()


@admin.register(MeterSettings)
class MeterSettingsAdmin(admin.ModelAdmin):
    list_display = ("__str__", "anonymous_limit", "registered_limit")


@admin.register(ProviderEvent)
class ProviderEventAdmin(admin.ModelAdmin):
    """What the payment provider sent and what each event did (an unknown customer, a
    donation, an event older than the state applied): a record, never edited."""

    list_display = ("created", "type", "customer", "outcome", "event_id")
    list_filter = ("type",)
    search_fields = ("event_id", "customer", "outcome")
    date_hierarchy = "created"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReconciliationRun)
class ReconciliationRunAdmin(ProviderEventAdmin):
    """Each night's reconciliation: how many memberships were asked about, how many mended."""

    list_display = ("day", "started_at", "checked", "mended")
    list_filter = ()
    search_fields = ()
    date_hierarchy = None
