from django.contrib import admin

from . import services
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


@admin.register(Newsletter)
class NewsletterAdmin(admin.ModelAdmin):
    list_display = ["name", "subject", "scheduled_for"]
    filter_horizontal = ["articles"]
    actions = ["send_test", "send_now"]

    @admin.action(description="Send a test to me")
    def send_test(self, request, queryset):
        for newsletter in queryset:
            services.newsletter_test_send(newsletter=newsletter, email=request.user.email)
        self.message_user(request, f"Test sent to {request.user.email}.")

    @admin.action(description="Send now (or at the scheduled time)")
    def send_now(self, request, queryset):
        for newsletter in queryset:
            services.newsletter_send(newsletter=newsletter, when=newsletter.scheduled_for)
        self.message_user(request, "Queued.")


@admin.register(Send)
class SendAdmin(admin.ModelAdmin):
    list_display = ["subject", "kind", "status", "created_at", "stats"]
    list_filter = ["kind", "status"]
    readonly_fields = ["cursor", "finished_at", "stats"]

    @admin.display(description="Recipients, sent, failed, bounced, unsubscribed since")
    def stats(self, send):
        s = services.send_stats(send)
        return (
            f"{s['recipients']} / {s['sent']} / {s['failed'] + s['uncertain']} / "
            f"{s['bounced']} / {s['unsubscribed_since']}"
        )


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["email", "send", "status", "sent_at"]
    list_filter = ["status"]
    search_fields = ["email"]
