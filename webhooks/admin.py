"""Editors register endpoints, read each one's delivery log and send it a test event."""

import contextlib
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from . import transport
from .models import Delivery, Endpoint, Event
from .services import endpoint_send_test
from .transport import is_public

LOG_ROWS = 20


class EndpointForm(forms.ModelForm):
    url = forms.URLField(
        label="URL", max_length=500, assume_scheme="https", help_text=Endpoint.url.field.help_text
    )
    events = forms.MultipleChoiceField(
        choices=Event.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Endpoint
        fields = ["name", "url", "secret", "events", "is_active"]

    def clean_url(self):
        # Names are checked at each delivery (they can change); a literal address now.
        url = self.cleaned_data["url"]
        host = urlsplit(url).hostname or ""
        allowed = {name.lower() for name in settings.WEBHOOKS_ALLOWED_INTERNAL_HOSTS}
        with contextlib.suppress(ValueError):
            if host.lower() not in allowed and not is_public(host):
                raise forms.ValidationError(
                    f"{host} is an internal address; deliveries there are refused. Use the "
                    f"receiver's public address, or, {transport.ALLOW_HINT} (comma-separated; "
                    "docs/webhooks.md)."
                )
        return url


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    list_display = ("name", "url", "is_active", "event_list", "created_at")
    list_filter = ("is_active",)
    readonly_fields = ("delivery_log",)
    fields = ("name", "url", "secret", "events", "is_active", "delivery_log")

    @admin.display(description="events")
    def event_list(self, endpoint):
        return ", ".join(endpoint.events) or "-"

    @admin.display(description=f"latest deliveries (up to {LOG_ROWS})")
    def delivery_log(self, endpoint):
        if endpoint.pk is None:
            return "-"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            (
                (
                    # As the admin shows a time everywhere else: local, no microseconds.
                    formats.localize(timezone.template_localtime(d.attempted_at or d.created_at)),
                    d.event,
                    d.get_status_display(),
                    d.attempts,
                    d.response_code or "-",
                    (d.error or d.response_body)[:200] or "-",
                )
                for d in endpoint.deliveries.all()[:LOG_ROWS]
            ),
        )
        everything = (
            reverse("admin:webhooks_delivery_changelist") + f"?endpoint__id__exact={endpoint.pk}"
        )
        return format_html(
            "<table><thead><tr><th>time</th><th>event</th><th>status</th><th>attempts</th>"
            "<th>response</th><th>answer or error</th></tr></thead><tbody>{}</tbody></table>"
            '<p><a href="{}">Every delivery to this endpoint</a></p>',
            rows,
            everything,
        )

    def get_urls(self):
        send_test = self.admin_site.admin_view(require_POST(self.send_test_view))
        return [
            path("<int:pk>/send-test/", send_test, name="webhooks_endpoint_send_test"),
            *super().get_urls(),
        ]

    def send_test_view(self, request, pk):
        endpoint = get_object_or_404(Endpoint, pk=pk)
        if not self.has_change_permission(request, endpoint):
            messages.error(request, "You may not send events to this endpoint.")
        else:
            endpoint_send_test(endpoint=endpoint)
            messages.success(
                request, "A test event is on its way; its delivery appears below within seconds."
            )
        return redirect("admin:webhooks_endpoint_change", pk)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "endpoint",
        "event",
        "status",
        "attempts",
        "attempted_at",
        "response_code",
    )
    list_filter = ("status", "event", "endpoint")
    list_select_related = ("endpoint",)
    readonly_fields = [field.name for field in Delivery._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
