from django.contrib import admin, messages
from django.template.defaultfilters import truncatechars
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from shared import site_address

from . import admin_moderation, services
from .models import Comment, CommentBan, CommentFlag


def _site_url(request):
    return site_address.absolute_url("/")


class ReviewQueueFilter(admin.SimpleListFilter):
    """The list opens on what needs an editor; "All comments" is one click away.

    With no other filter or search the queue is the default; any other filter or a search
    looks through every comment unless the queue is picked too.
    """

    title = "review queue"
    parameter_name = "queue"
    PAGE_PARAMETERS = {"o", "p", parameter_name}

    def __init__(self, request, params, model, model_admin):
        # An action's POST acts on the rows ticked, whichever list they were ticked in.
        self.narrowed = request.method == "POST" or any(
            key not in self.PAGE_PARAMETERS for key in request.GET
        )
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [
            ("review", "Needs review (pending or flagged)"),
            ("flagged", "Flagged"),
            ("all", "All comments"),
        ]

    def chosen(self):
        return self.value() or ("all" if self.narrowed else "review")

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.chosen() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.chosen() == "review":
            return queryset.needs_review()
        if self.chosen() == "flagged":
            return queryset.filter(flag_count__gt=0)
        return queryset


class CommentFlagInline(admin.TabularInline):
    model = CommentFlag
    extra = 0
    fields = ["user", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    # Five columns that fit a laptop: who and where share one, status and flags another.
    list_display = ["excerpt", "author_link", "status_and_flags", "received", "moderate"]
    list_display_links = ["excerpt"]
    ordering = ["-created_at", "-pk"]  # what came in last is read first
    list_filter = [ReviewQueueFilter, "status", "created_at"]
    list_select_related = ["author", "article"]
    search_fields = ["body", "author__username", "author__display_name", "article__headline"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "article",
        "author",
        "parent",
        "moderation_note",
        "held_edit",
        "flag_count",
        "ip_address",
        "created_at",
        "edited_at",
    ]
    fields = ["article", "author", "parent", "body", "status", *readonly_fields[3:]]
    inlines = [CommentFlagInline]
    actions = ["approve", "mark_spam", "remove", "ban_authors"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="comment")
    def excerpt(self, comment):
        # Long enough to judge most comments without opening them.
        shown = truncatechars(comment.body, 280) or "(removed by its author)"
        if comment.held_edit:
            # What the editor is asked to approve, under what readers see now.
            return format_html(
                '{}<br><span class="nr-comment-on">Edit waiting: {}</span>',
                shown,
                truncatechars(comment.held_edit, 280),
            )
        return shown

    @admin.display(description="commenter and article", ordering="author__username")
    def author_link(self, comment):
        return format_html(
            '{}<br><span class="nr-comment-on">on “{}”</span>',
            comment.author_name,
            truncatechars(comment.article.headline, 60),
        )

    @admin.display(description="status", ordering="status")
    def status_and_flags(self, comment):
        flags = ""
        if comment.flag_count:
            flags = f"{comment.flag_count} flag{'' if comment.flag_count == 1 else 's'}"
        return format_html(
            '{}<br>{}<span class="nr-comment-on">{}</span>',
            comment.get_status_display(),
            flags,
            f" {comment.moderation_note}" if comment.is_pending or comment.held_edit else "",
        )

    @admin.display(description="received", ordering="created_at")
    def received(self, comment):
        return format_html(
            '<time datetime="{}">{}</time>',
            comment.created_at.isoformat(timespec="seconds"),
            date_format(timezone.localtime(comment.created_at), "j M, H:i"),
        )

    @admin.display(description="moderate")
    def moderate(self, comment):
        return admin_moderation.row_buttons(comment)

    def get_urls(self):
        view = self.admin_site.admin_view(admin_moderation.moderate_view(self))
        return [
            path("<int:pk>/moderate/", view, name="comments_comment_moderate"),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        status = obj.status
        if change and "status" in form.changed_data:
            # A status chosen on the change page is a moderation like the list's buttons.
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if obj.status != status:
            services.comment_moderate(
                comments=[obj], status=status, moderator=request.user, site_url=_site_url(request)
            )
            obj.status = status

    def _moderate(self, request, queryset, status, verb):
        count = services.comment_moderate(
            comments=queryset, status=status, moderator=request.user, site_url=_site_url(request)
        )
        self.message_user(request, f"{count} comment(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.APPROVED, "approved")

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.SPAM, "marked as spam")

    @admin.action(description="Remove selected comments", permissions=["change"])
    def remove(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.REMOVED, "removed")

    @admin.action(description="Ban the commenters of the selected comments", permissions=["ban"])
    def ban_authors(self, request, queryset):
        authors = {c.author for c in queryset.select_related("author") if c.author_id}
        for author in authors:
            services.commenter_ban(
                user=author, moderator=request.user, reason="banned from the queue"
            )
        self.message_user(request, f"{len(authors)} commenter(s) banned.", messages.SUCCESS)

    def has_ban_permission(self, request):
        return request.user.has_perm("comments.add_commentban")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author", "article")


@admin.register(CommentBan)
class CommentBanAdmin(admin.ModelAdmin):
    list_display = ["user", "reason", "banned_by", "created_at"]
    list_select_related = ["user", "banned_by"]
    search_fields = ["user__username", "user__email", "user__display_name"]
    autocomplete_fields = ["user"]
    # Bans are for readers: the user search lists every account, not only staff
    # (accounts.admin.UserAdmin reads this).
    autocomplete_finds_readers = ["user"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.banned_by = request.user
        super().save_model(request, obj, form, change)
