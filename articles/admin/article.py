"""The article admin: the list, the change page, its actions and its extra views."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from shared import submit_once

from .. import services
from ..forms import ArticleAdminForm, body_editor_scripts, filing_categories
from ..models import Article, Correction
from ..publish_checks import Draft, publish_findings
from . import history as admin_history
from . import pictures, preview, save_hooks
from . import take_down as admin_take_down
from . import workflow as admin_workflow
from .media import deferred
from .panels import list_panels, panels
from .stylesheet import BUNDLED
from .tools import toolbar

Status = Article.Status


# Stacked, not a table: a table's columns overflow a phone, and Django's tabular inline opens
# with a header cell that has no text (axe: empty-table-header).
class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "note", "created_at"]

    def has_add_permission(self, request, obj=None):
        return services.user_can_publish(request.user)

    has_change_permission = has_delete_permission = has_add_permission


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "headline",
        "status_label",
        "category",
        "bylines",
        "published_at",
        "comment_count",
        "is_featured",
        "feature_position",
    ]
    list_filter = ["status", "category", "is_featured", "published_at", "authors"]
    list_editable = ["is_featured", "feature_position"]
    list_select_related = ["category"]
    search_fields = ["headline", "standfirst", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["authors"]
    # The picture's number in a plain input (works without JavaScript), shown with its
    # thumbnail and the picker's buttons (pictures.PictureChooser).
    raw_id_fields = ["featured_image", "social_image"]
    view_on_site = True
    inlines = [CorrectionInline]
    actions = [
        "publish_selected",
        "unpublish_selected",
        "archive_selected",
        "feature_selected",
        "unfeature_selected",
        admin_take_down.take_down_selected,
    ]
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    # The writing first: headline, standfirst and body are the workspace, the largest things
    # on a phone too. What a writer rarely touches (the address, front-page placement, search
    # and sharing) folds away below; Django unfolds a fold that holds an error.
    fieldsets = [
        (None, {"fields": ["headline", "standfirst", "body", "edit_version"]}),
        ("Filing", {"fields": ["category", "tags", "authors", "featured_image"]}),
        ("Publishing", {"fields": ["status", "published_at", "comments_open"]}),
        (
            "Front page",
            {"classes": ["collapse"], "fields": ["is_featured", "feature_position"]},
        ),
        (
            "Address, search and sharing",
            {
                "classes": ["collapse"],
                "fields": [
                    "slug",
                    "seo_title",
                    "seo_description",
                    "social_image",
                    "archived_noindex",
                ],
            },
        ),
    ]

    # Who sees and changes what.
    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .visible_to(request.user)
            .prefetch_related("authors")
            .annotate(comment_count=Count("comments", distinct=True))
        )

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or services.user_can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or services.user_can_edit(request.user, obj)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if not services.user_can_publish(request.user):
            changelist.list_editable = ()  # featuring is an editor's call, even by forged POST
        return changelist

    def get_changelist_form(self, request, **kwargs):
        form = super().get_changelist_form(request, **kwargs)

        class HeldRowForm(form):
            # The list's editable columns (featured, position) save through article_save
            # too: a changed row of a story someone else holds is refused on its row. The
            # admin saves the list's rows together, so the others wait for the correction.
            def clean(self):
                cleaned = super().clean()
                held = self.has_changed() and save_hooks.held_by_other(self.instance, request.user)
                if held:
                    self.add_error(
                        None,
                        f"{held[0]} is editing “{self.instance.headline}”: undo this row's "
                        "change (or take over on its page) to save the others.",
                    )
                return cleaned

        return HeldRowForm

    def get_readonly_fields(self, request, obj=None):
        if services.user_can_publish(request.user):
            return []
        return list(services.EDITOR_ONLY_FIELDS)

    def get_prepopulated_fields(self, request, obj=None):
        # An article that has its address keeps it: the admin's script leaves a filled-in slug
        # alone anyway, so its page needs none of the slug's scripts (media.py).
        if obj is not None and obj.slug:
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        can_publish = services.user_can_publish(request.user)

        class RoleForm(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, can_publish=can_publish, checks_publish=True, **inner)

            def clean(self):
                cleaned = super().clean()
                for message in save_hooks.refusals(request, self.instance):
                    self.add_error(None, message)  # refused, with everything typed kept
                return cleaned

        return RoleForm

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "category":
            kwargs["queryset"] = filing_categories()
        if db_field.name in self.raw_id_fields:
            kwargs["widget"] = pictures.PictureChooser(db_field.remote_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        return {"authors": [request.user.pk], **super().get_changeform_initial_data(request)}

    # Saving goes through the workflow services: one service for the whole save, which
    # needs the tags, bylines and corrections saved between the edit and the move.
    def save_model(self, request, obj, form, change):
        pass  # saved with its relations in save_related

    def save_related(self, request, form, formsets, change):
        article = form.instance
        original, refused = services.article_save(
            article=article,
            user=request.user,
            change=change,
            save_related=lambda: super(ArticleAdmin, self).save_related(
                request, form, formsets, change
            ),
            reason="Edited" if change else "Created",
        )
        if refused is not None:
            messages.error(request, " ".join(refused.messages))
        else:
            self._status_message(request, article, original)
            save_hooks.saved(request, article)
        if any(formset.has_changed() for formset in formsets):
            services.article_corrected(article=article)

    def _status_message(self, request, article, original):
        """Say what a save that moved the article did, and who now has it."""
        before = original.status if original is not None else Status.DRAFT
        if article.status == before:
            return
        if article.status == Status.IN_REVIEW:
            names = ", ".join(editor.public_name for editor in services.article_reviewers())
            text = format_html(
                "“{}” was submitted for review. It is in the editors' review queue{}. "
                "You can still change it until an editor picks it up.",
                article.headline,
                f" ({names})" if names else "",
            )
        elif article.is_published:
            text = format_html("“{}” was published; readers see it now.", article.headline)
        elif article.is_scheduled:
            local = timezone.localtime(article.published_at)
            text = format_html(
                "“{}” was scheduled: it goes public on {} ({}).",
                article.headline,
                f"{local:%d %b %Y at %H:%M}",
                settings.TIME_ZONE,
            )
        else:
            return
        request._article_status_message = text

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # A save that moved the article says what the move did instead of "changed successfully".
        moved = getattr(request, "_article_status_message", None)
        if moved is not None and level == messages.SUCCESS:
            message = moved
        super().message_user(request, message, level, *args, **kwargs)

    # List columns.
    @admin.display(description="status", ordering="status")
    def status_label(self, article):
        if article.is_scheduled:
            return "Scheduled"
        return article.get_status_display()

    @admin.display(description="authors")
    def bylines(self, article):
        return ", ".join(author.public_name for author in article.authors.all())

    @admin.display(description="comments", ordering="comment_count")
    def comment_count(self, article):
        return article.comment_count

    # Bulk actions: each row goes through its service, which refuses what the role may not do.
    # A story someone else holds (the soft lock) is skipped, as their save would be: moving it
    # under them would be undone, or fought, by the save they are about to make.
    def _bulk(self, request, queryset, verb, move):
        done, refused = 0, []
        for article in queryset:
            skipped = save_hooks.skip_message(article, request.user)
            if skipped is not None:
                self.message_user(request, skipped, messages.WARNING)
                continue
            try:
                move(article)
                done += 1
            except (PermissionDenied, ValidationError) as error:
                reason = getattr(error, "messages", None) or [str(error)]
                refused.append(f"“{article.headline}”: {' '.join(reason)}")
        if done:
            self.message_user(request, f"{verb} {done} article(s).", messages.SUCCESS)
        for line in refused:
            self.message_user(request, f"Not {verb.lower()}: {line}", messages.ERROR)

    @admin.action(description="Publish selected articles", permissions=["publish"])
    def publish_selected(self, request, queryset):
        # Posted twice (a double click, a retried POST), it publishes once and says so.
        return submit_once.run_once(
            request, "articles-publish-selected", lambda: self._publish(request, queryset)
        )

    def _publish(self, request, queryset):
        # The pre-publish check, as the form runs it: what blocks is refused by the service
        # (article by article, saying why); warnings are read and confirmed first.
        checked = [
            (article, findings)
            for article in queryset.exclude(status=Status.PUBLISHED)
            .select_related("category", "featured_image", "social_image")
            .prefetch_related("authors")
            if (
                findings := [
                    f for f in publish_findings(Draft.from_article(article)) if not f.pending
                ]
            )
        ]
        if any(not f.blocks for _, findings in checked for f in findings) and not request.POST.get(
            "publish_anyway"
        ):
            # Said before the editor confirms, not only after: who holds which story now.
            held = [
                (article, found[0])
                for article in queryset.exclude(status=Status.PUBLISHED)
                if (found := save_hooks.held_by_other(article, request.user)) is not None
            ]
            context = {
                **self.admin_site.each_context(request),
                "title": "Publish selected articles",
                "opts": self.opts,
                "checked": checked,
                "held": held,
                "blocked": any(f.blocks for _, findings in checked for f in findings),
                "queryset": queryset,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(
                request, "admin/articles/article/publish_selected.html", context
            )
        self._bulk(
            request,
            queryset,
            "Published",
            lambda a: services.article_publish(article=a, user=request.user),
        )

    @admin.action(description="Unpublish selected articles", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._bulk(
            request,
            queryset,
            "Unpublished",
            lambda a: services.article_unpublish(article=a, user=request.user),
        )

    @admin.action(description="Archive selected articles", permissions=["publish"])
    def archive_selected(self, request, queryset):
        self._bulk(
            request,
            queryset,
            "Archived",
            lambda a: services.article_archive(article=a, user=request.user),
        )

    @admin.action(description="Feature selected articles", permissions=["publish"])
    def feature_selected(self, request, queryset):
        self._bulk(
            request,
            queryset,
            "Featured",
            lambda a: services.article_set_featured(article=a, user=request.user, is_featured=True),
        )

    @admin.action(description="Stop featuring selected articles", permissions=["publish"])
    def unfeature_selected(self, request, queryset):
        self._bulk(
            request,
            queryset,
            "Unfeatured",
            lambda a: services.article_set_featured(
                article=a, user=request.user, is_featured=False
            ),
        )

    def has_publish_permission(self, request):
        return services.user_can_publish(request.user)

    def has_take_down_permission(self, request):
        return services.user_can_take_down(request.user)

    # Extra pages: queue, schedule, preview, body rendering, history.
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("review-queue/", view(self.review_queue), name="articles_article_review_queue"),
            path("schedule/", view(self.schedule), name="articles_article_schedule"),
            path(
                "render-body/", view(preview.render_body_view), name="articles_article_render_body"
            ),
            path(
                "image-library/",
                view(pictures.picture_search_view),
                name="articles_article_image_library",
            ),
            path(
                "image-upload/",
                view(pictures.picture_upload_view),
                name="articles_article_image_upload",
            ),
            path(
                "tag-suggestions/",
                view(preview.tag_suggestions_view),
                name="articles_article_tag_suggestions",
            ),
            path(
                "<int:pk>/preview/", view(preview.article_preview), name="articles_article_preview"
            ),
            path(
                "<int:pk>/history/compare/",
                view(admin_history.compare(self)),
                name="articles_article_compare",
            ),
            path(
                "<int:pk>/history/restore/",
                view(admin_history.restore(self)),
                name="articles_article_restore",
            ),
            path(
                "<int:pk>/send-back/",
                view(admin_workflow.send_back(self)),
                name="articles_article_send_back",
            ),
        ] + super().get_urls()

    def history_view(self, request, object_id, extra_context=None):
        return admin_history.history(self, request, object_id)

    def review_queue(self, request):
        articles = (
            self.get_queryset(request)
            .filter(status=Status.IN_REVIEW)
            .select_related("category")
            .order_by("updated_at", "pk")
        )
        return self._article_page(request, "Review queue", articles, "in review, oldest first")

    def schedule(self, request):
        articles = (
            self.get_queryset(request)
            .scheduled()
            .select_related("category")
            .order_by("published_at", "pk")
        )
        return self._article_page(
            request, "Upcoming schedule", articles, "scheduled, soonest first"
        )

    def _article_page(self, request, title, articles, description):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "description": description,
            "articles": articles,
            "opts": self.model._meta,
            "time_zone": settings.TIME_ZONE,
        }
        return TemplateResponse(request, "admin/articles/article/queue.html", context)

    def render_change_form(self, request, context, *args, **kwargs):
        # No script stops the page being read; the body's editor runs first (media.py). The
        # admin's translations come with the form's scripts (the template prints them all).
        translations = forms.Media(js=[reverse(f"{self.admin_site.name}:jsi18n")])
        context["media"] = deferred(
            translations + context["media"],
            first=body_editor_scripts(),
            prepopulates=bool(context["adminform"].prepopulated_fields),
            bundled=BUNDLED,
        )
        # The form has no list of models beside it (change_form.html): nor its stylesheet
        # and script, two requests of the page.
        context["is_nav_sidebar_enabled"] = False
        return super().render_change_form(request, context, *args, **kwargs)

    def get_object(self, request, object_id, from_field=None):
        # changeform_view has just looked the article up for its tools and panels: the admin's
        # view takes that one rather than asking again (the article, its authors, its counts).
        found = getattr(request, "_article_for_form", None)
        if found is not None and from_field is None and str(found.pk) == str(object_id):
            return found
        return super().get_object(request, object_id, from_field)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra = {"time_zone": settings.TIME_ZONE, **(extra_context or {})}
        article = None
        if object_id:
            # None for an address that names no article: the admin's own "no such article".
            article = self.get_object(request, object_id)
            request._article_for_form = article
            if article is not None:
                extra["send_back"] = article.open_send_back
                extra["article_tools"] = toolbar(self, request, article)
        if article is not None or not object_id:
            extra["article_panels"] = panels(request, article)
        return super().changeform_view(request, object_id, form_url, extra)

    def changelist_view(self, request, extra_context=None):
        extra = {"time_zone": settings.TIME_ZONE, **(extra_context or {})}
        extra["article_list_panels"] = list_panels(request)
        return super().changelist_view(request, extra)
