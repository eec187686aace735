from django.contrib import admin, messages
from django.urls import path

from . import admin_alerts, admin_newsletters, services
from .models import Delivery, Newsletter, Send, Subscriber, Suppression


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "confirmed_at", "wants_digest", "wants_alerts", "wants_newsletters"]
    search_fields = ["email"]
    raw_id_fields = ["user"]


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    list_display = ["email", "reason", "detail", "created_at"]
    list_filter = ["reason"]
    search_fields = ["email"]
    actions = ["lift"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # lifting is the one way, and says what it does
        return actions

    @admin.action(description="Lift: mail these addresses again", permissions=["delete"])
    def lift(self, request, queryset):
        lifted = services.suppression_lift(suppressions=queryset)
        messages.success(
            request, f"Lifted {lifted:,} suppression{'s' if lifted != 1 else ''}: mail goes again."
        )


@admin.register(Newsletter)
class NewsletterAdmin(admin.ModelAdmin):
    list_display = ["name", "subject", "scheduled_for", "created_at"]
    filter_horizontal = ["articles"]
    exclude = ["scheduled_for"]  # set by scheduling it on its send page
    change_form_template = "newsletters/admin/newsletter_change_form.html"
    view_on_site = False  # no public page; "Preview the email" is its page

    def preview(self, request, newsletter_id):
        return admin_newsletters.preview_view(self, request, newsletter_id)

    def send(self, request, newsletter_id):
        return admin_newsletters.send_view(self, request, newsletter_id)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:newsletter_id>/preview/",
                view(self.preview),
                name="newsletters_newsletter_preview",
            ),
            path("<int:newsletter_id>/send/", view(self.send), name="newsletters_newsletter_send"),
            *super().get_urls(),
        ]


@admin.register(Send)
class SendAdmin(admin.ModelAdmin):
    list_display = ["subject", "kind", "status", "created_at", "stats"]
    list_filter = ["kind", "status"]
    readonly_fields = ["cursor", "finished_at", "stats"]

    def has_add_permission(self, request):
        return False  # a send starts from an article (alert), a newsletter, or the clock

    def alert(self, request, article_id):
        return admin_alerts.alert_view(self, request, article_id)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("alert/<int:article_id>/", view(self.alert), name="newsletters_send_alert"),
            *super().get_urls(),
        ]

    @admin.display(description="Figures")
    def stats(self, send):
        s = services.send_stats(send)
        return (
            f"{s['recipients']:,} recipients, {s['sent']:,} sent, "
            f"{s['failed']:,} failed, {s['bounced']:,} bounced, "
            f"{s['unsubscribed_since']:,} unsubscribed since"
            + (f" ({s['interrupted']:,} resent after an interruption)" if s["interrupted"] else "")
        )


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["email", "send", "status", "sent_at", "interrupted"]
    list_filter = ["status", "interrupted"]
    search_fields = ["email"]
