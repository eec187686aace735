"""An editor-composed newsletter from the admin: a preview of the email as readers will get
it, a test sent to the editor, then the send to every reader taking newsletters, now or at
a time (the first batch waits in the queue until then)."""

from urllib.parse import urlsplit

from anymail.exceptions import AnymailError
from csp.constants import NONE, SELF
from csp.decorators import csp_replace
from django import forms
from django.contrib import messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from . import conf, services
from .models import Kind, Newsletter, Send, Subscriber

SEND_PERMISSION = "newsletters.send_newsletter"


class SendForm(forms.Form):
    send_at = forms.SplitDateTimeField(
        label="Send at",
        required=False,
        widget=AdminSplitDateTime,
        help_text="For “Schedule”: a time in the newsroom's time zone.",
    )

    def __init__(self, *args, scheduling=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.scheduling = scheduling

    def clean_send_at(self):
        when = self.cleaned_data["send_at"]
        if self.scheduling and when is None:
            raise ValidationError("Pick the day and time to send it, or use “Send now”.")
        if self.scheduling and when <= timezone.now():
            raise ValidationError("That time has passed: pick a later one, or use “Send now”.")
        return when if self.scheduling else None


def image_sources():
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(conf.site_url()))
    return [SELF, "data:", origin]


@csp_replace({"style-src": ["'unsafe-inline'"], "script-src": [NONE], "img-src": image_sources()})
def preview_view(model_admin, request, newsletter_id):
    """The HTML part exactly as it is mailed (styles inlined, so the page needs them allowed;
    it has no script), or the plain-text part with ?part=text."""
    newsletter = get_object_or_404(Newsletter, pk=newsletter_id)
    if not model_admin.has_view_or_change_permission(request, newsletter):
        raise PermissionDenied
    reader = Subscriber(pk=0, email=request.user.email or "you@example.com")  # not on the list
    message = services.newsletter_message(newsletter=newsletter, reader=reader)
    if message is None:
        return HttpResponse("Add a published article first: there is nothing to mail.")
    if request.GET.get("part") == "text":
        return HttpResponse(message.body, content_type="text/plain; charset=utf-8")
    return HttpResponse(message.alternatives[0].content)


def audience_count(newsletter):
    """Readers it would go to now (only current members of its tier or a higher one)."""
    return Send(kind=Kind.NEWSLETTER, tier_id=newsletter.tier_id).audience().count()


def send_view(model_admin, request, newsletter_id):
    newsletter = get_object_or_404(Newsletter, pk=newsletter_id)
    if not request.user.has_perm(SEND_PERMISSION):
        raise PermissionDenied
    if request.method == "POST" and "test" in request.POST:
        return test_send(request, newsletter)
    sent = newsletter.send_set.first()
    form = SendForm(
        request.POST or None,
        initial={"send_at": newsletter.scheduled_for},
        scheduling="schedule" in request.POST,
    )
    if form.is_valid() and sent is None:
        when = form.cleaned_data["send_at"]
        try:
            send = services.newsletter_send(newsletter=newsletter, when=when)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            readers = audience_count(newsletter)
            if when:
                at = f"{timezone.localtime(when):%-d %b %Y, %H:%M}"
                messages.success(request, f"Scheduled for {at}, to {readers:,} readers as of now.")
            else:
                messages.success(request, f"On its way to {readers:,} readers.")
            return redirect(reverse("admin:newsletters_send_change", args=[send.pk]))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Send “{newsletter.name}”",
        "opts": Newsletter._meta,
        "newsletter": newsletter,
        "articles": list(newsletter.published_articles()),
        "unpublished": newsletter.articles.exclude(pk__in=newsletter.articles.published()),
        "readers": audience_count(newsletter),
        "sent": sent,
        "form": form,
        "media": model_admin.media + form.media,
        "time_zone": timezone.get_current_timezone_name(),
    }
    return TemplateResponse(request, "newsletters/admin/newsletter_send.html", context)


def test_send(request, newsletter):
    back = reverse("admin:newsletters_newsletter_send", args=[newsletter.pk])
    if not request.user.email:
        messages.error(request, "Your account has no email address to send the test to.")
        return redirect(back)
    try:
        sent = services.newsletter_test_send(newsletter=newsletter, email=request.user.email)
    except (OSError, AnymailError) as error:  # smtplib's too: the editor should know at once
        messages.error(request, f"The mail server did not take the test: {error}")
        return redirect(back)
    if sent:
        messages.success(request, f"A test is on its way to {request.user.email}.")
    else:
        messages.error(request, "Nothing to send: none of its articles is published yet.")
    return redirect(back)
