"""Admin forms: the article form with its version check, the Markdown editor, image uploads."""

from django import forms
from django.conf import settings
from django.urls import reverse_lazy
from django.utils.html import escape
from django.utils.text import slugify
from taggit.forms import TagWidget
from taggit.utils import edit_string_for_tags

from shared.numbers import positive
from shared.uploads import clean_image_upload

from .body import INLINE_HTML_TAGS, MAX_BODY_CHARS, body_problems, normalize_source
from .conflict import ArticleMerge, merge_posted
from .models import Article, Category, Image
from .publish_checks import PUBLISH_CHECKS, Draft, publish_findings
from .services import WRITER_EDITABLE, images_missing_alt_text

# Apps above articles enhance the body field (editor/ adds its rich editor) without articles
# importing them: they register media and attributes here from AppConfig.ready(), and every
# MarkdownEditor reads the registry as it renders. With nothing registered, it is the plain
# Markdown textarea.
_body_enhancements = []


def enhance_body_editor(media, attrs=dict):
    """Add `media` (a forms.Media) to every body field, and `attrs()` to its textarea.

    Its scripts run before the admin's own on the change form (the writer types first): they
    may not count on jQuery or any other of the admin's scripts."""
    _body_enhancements.append((media, attrs))


def body_editor_scripts():
    """The paths of the scripts registered with enhance_body_editor."""
    return [
        getattr(script, "_path", script) for media, _ in _body_enhancements for script in media._js
    ]


class MarkdownEditor(forms.Textarea):
    """The body's Markdown textarea: articles, static pages, live updates.

    Without JavaScript it stays a plain textarea and the saved text is the same.
    """

    def __init__(self, attrs=None):
        defaults = {
            "class": "markdown-editor",
            "rows": 24,
            "data-paste-paragraphs": True,  # paste.js: pasted copy keeps its paragraphs
        }
        super().__init__({**defaults, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for _media, extra in _body_enhancements:
            context["widget"]["attrs"].update(extra())
        return context

    @property
    def media(self):
        media = forms.Media(
            css={"all": ["newsroom_admin/editor.css"]}, js=["newsroom_admin/paste.js"]
        )
        for extra, _attrs in _body_enhancements:
            media += extra
        return media


class TagsInput(TagWidget):
    """Tags as a writer types them: `North Korea, Ukraine war`, not taggit's quoted
    `"North Korea", "Ukraine war"`. Quotes only where plain commas could not say it: a
    name with a comma or a quote, or one tag with a space (alone, it would split in two).
    """

    def format_value(self, value):
        if value is None or isinstance(value, str):
            return super().format_value(value)
        names = sorted(tag.name for tag in value)
        plain = not any("," in name or '"' in name for name in names)
        if plain and (len(names) > 1 or not any(" " in name for name in names)):
            return ", ".join(names)
        return edit_string_for_tags(value)


# What search results and link previews show before they cut a text off (characters).
SEO_LIMITS = {
    "headline": (70, "the title in search results, unless an SEO title is set"),
    "seo_title": (60, "the title in search results"),
    "standfirst": (160, "the description in search results, unless an SEO description is set"),
    "seo_description": (160, "the description in search results and link previews"),
}


# The article form's fields in the order the admin's change page lays them out
# (ArticleAdmin.fieldsets): the order the form cleans them and reports their errors in.
ARTICLE_FORM_FIELDS = [
    "headline",
    "standfirst",
    "body",
    "edit_version",
    "category",
    "tags",
    "authors",
    "featured_image",
    "status",
    "published_at",
    "comments_open",
    "is_featured",
    "feature_position",
    "slug",
    "seo_title",
    "seo_description",
    "social_image",
    "archived_noindex",
]


def filing_categories():
    """The categories an article may be filed in: the Trending News page is no section."""
    return Category.objects.filter(shows_trending=False)


def free_slug(headline, exclude=None):
    """An address made from `headline` that no other article has, nor had (old addresses
    keep redirecting): "harbour-fees", then "harbour-fees-2", ..."""
    limit = Article._meta.get_field("slug").max_length - 8  # room for "-" and a number
    base = slugify(headline)[:limit].strip("-") or "article"
    taken = Article.objects.at_address
    slug, number = base, 1
    while taken(slug).exclude(pk=exclude).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


class ArticleAdminForm(forms.ModelForm):
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Media:
        css = {
            "all": [
                "newsroom_admin/editor.css",
                "newsroom_admin/publish_check.css",
                "newsroom_admin/merge.css",
            ]
        }
        js = ["newsroom_admin/counts.js"]

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "standfirst",
            "body",
            "category",
            "tags",
            "authors",
            "featured_image",
            "status",
            "published_at",
            "is_featured",
            "feature_position",
            "comments_open",
            "seo_title",
            "seo_description",
            "social_image",
        ]
        widgets = {
            "body": MarkdownEditor,
            # A textarea, so a long headline wraps in view instead of scrolling sideways.
            "headline": forms.Textarea(attrs={"class": "nr-headline-input", "rows": 2}),
            "tags": TagsInput,
            "standfirst": forms.Textarea(attrs={"rows": 3, "class": "nr-wide-text"}),
            "seo_title": forms.TextInput(attrs={"class": "nr-wide-text"}),
            "seo_description": forms.Textarea(attrs={"rows": 3, "class": "nr-wide-text"}),
        }

    # The admin's Publish anyway box (templates/admin/articles/article/_publish_check.html).
    CONFIRM_FIELD = "publish_anyway"
    # The change page posts the revision it opened (the merge panel's partial,
    # templates/admin/articles/article/_merge.html): a form posted with it merges a save
    # that meets a newer one (conflict.py) instead of refusing it. The write API posts none
    # and keeps its refusal (409). PLAN_FIELD names the merge the panel showed.
    OPENED_FIELD = "edit_revision"
    PLAN_FIELD = "merge-plan"

    def __init__(self, *args, can_publish=False, checks_publish=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_publish = can_publish
        # The admin runs the pre-publish checks; the write API (same form) cannot confirm
        # warnings, so it keeps the workflow's own rules only.
        self.checks_publish = checks_publish and bool(PUBLISH_CHECKS)
        self.publish_findings = []
        self.merge = None  # the ArticleMerge the panel shows
        self._met_newer_save = False
        self.fields["edit_version"].initial = self.instance.lock_version
        if "slug" in self.fields:
            # Left empty, it is made from the headline on save (clean_slug), as WordPress
            # does: a headline typed before the page's slug script started (or with no
            # JavaScript) must not come back as "This field is required".
            self.fields["slug"].required = False
            self.fields["slug"].help_text += " Left empty, it is made from the headline."
        if "body" in self.fields:
            # The admin shows help text as HTML: the tag names are escaped to be read.
            tags = ", ".join(f"<{tag}>" for tag in sorted(INLINE_HTML_TAGS))
            self.fields["body"].help_text = escape(
                f"Markdown, at most {MAX_BODY_CHARS:,} characters. HTML tags show as typed "
                f"(“never type <script>” reads as written); only {tags} work as HTML."
            )
        for name, (limit, shown_as) in SEO_LIMITS.items():
            if name in self.fields:
                field = self.fields[name]
                field.widget.attrs["data-soft-limit"] = limit
                advice = f"About {limit} characters show as {shown_as}."
                field.help_text = f"{field.help_text} {advice}".strip()
        if "published_at" in self.fields:
            self.fields["published_at"].help_text = (
                "When the article goes public, in the newsroom's time zone "
                f"({settings.TIME_ZONE}). A time in the future schedules it."
            )
        if "tags" in self.fields:
            self.fields["tags"].widget.attrs.update(
                {
                    "class": "tag-suggest",
                    "autocomplete": "off",
                    "data-suggest-url": reverse_lazy("admin:articles_article_tag_suggestions"),
                }
            )
        if "status" in self.fields and not can_publish:
            # A writer can keep a draft, or hand it in; the server refuses anything else.
            self.fields["status"].choices = [
                (value, label)
                for value, label in Article.Status.choices
                if value in WRITER_EDITABLE
            ]

    def clean_headline(self):
        # One line, whatever the textarea let through (Enter, a pasted line break).
        return " ".join(self.cleaned_data.get("headline", "").split())

    def clean_slug(self):
        slug = self.cleaned_data.get("slug", "")
        if slug or not self.cleaned_data.get("headline"):
            return slug  # a headline missing has its own error
        return free_slug(self.cleaned_data["headline"], exclude=self.instance.pk)

    def clean_body(self):
        body = normalize_source(self.cleaned_data.get("body", ""))
        problems = body_problems(body)
        if problems:
            raise forms.ValidationError(problems, code="body_limits")
        return body

    def clean_edit_version(self):
        posted = self.cleaned_data.get("edit_version")
        if self.instance.pk is None:
            return posted
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("lock_version", flat=True)
            .first()
        )
        if posted is None or posted != current:
            # The form comes back carrying the current version: the next save is made
            # knowing of this one (merged, or a deliberate replace through the API).
            self.data = self.data.copy()
            self.data[self.add_prefix("edit_version")] = current
            if self.merges:
                self._met_newer_save = True  # merged in clean(), once every field is clean
                return current
            raise forms.ValidationError(
                "Someone else saved this article after you opened it. Nothing of yours was "
                "saved. Compare with the latest version in the history; save again to "
                "replace their version with yours (theirs stays in the history).",
                code="conflict",
            )
        return posted

    def clean(self):
        cleaned = super().clean()
        if "edit_version" in self.errors:
            self.add_error(None, self.errors["edit_version"][0])
        if self.merges and (self._met_newer_save or self.data.get(self.PLAN_FIELD)):
            self._merge(cleaned)
        if self.checks_publish:
            self._check_publish(cleaned)
        elif cleaned.get("status") == Article.Status.PUBLISHED:
            article = Article(
                body=cleaned.get("body", ""), featured_image=cleaned.get("featured_image")
            )
            missing = images_missing_alt_text(article)
            if missing:
                numbers = ", ".join(f"#{image.pk}" for image in missing)
                self.add_error(None, f"Add alt text to these images before publishing: {numbers}.")
        return cleaned

    @property
    def merges(self):
        return self.instance.pk is not None and self.add_prefix(self.OPENED_FIELD) in self.data

    @property
    def opened_revision(self):
        """The history id of the revision this form was opened on: the merge's base."""
        if self.is_bound:
            return self.data.get(self.add_prefix(self.OPENED_FIELD), "")
        if self.instance.pk is None:
            return ""
        return self.instance.history.values_list("history_id", flat=True).first() or ""

    def _merge(self, cleaned):
        """Someone saved since this form was opened (or the merge panel was shown)."""
        theirs = Article.objects.get(pk=self.instance.pk)
        base_id = positive(self.opened_revision)
        base = theirs.history.filter(history_id=base_id).first() if base_id else None
        merge = ArticleMerge(form=self, cleaned=cleaned, theirs=theirs, base=base)
        self.merge = merge if merge.differs else None
        message = merge_posted(self, cleaned, merge)
        if message:
            self.add_error(None, message)

    def _check_publish(self, cleaned):
        """Publish or Schedule (the status moving to Published) runs the checks: a blocking
        finding refuses the move, warnings need the editor's "Publish anyway". Refused, the
        form comes back with everything typed in it and the findings in one panel."""
        moving = self.instance.pk is None or self.instance.status != Article.Status.PUBLISHED
        if cleaned.get("status") != Article.Status.PUBLISHED or not moving:
            return
        self.publish_findings = publish_findings(Draft.from_form(self))
        if any(finding.blocks for finding in self.publish_findings):
            self.add_error(None, "Not published: fix what the pre-publish check lists above.")
        elif any(not f.pending for f in self.publish_findings) and not self.data.get(
            self.add_prefix(self.CONFIRM_FIELD)
        ):
            self.add_error(
                None, "Not published yet: read the warnings above, then tick “Publish anyway”."
            )

    @property
    def publish_blocked(self):
        return any(finding.blocks for finding in self.publish_findings)

    @property
    def publish_warned(self):
        return any(not f.blocks and not f.pending for f in self.publish_findings)


class ImageAdminForm(forms.ModelForm):
    # A plain file field: uploads.py does the checking, with messages an editor understands.
    file = forms.FileField(
        help_text="A JPEG, PNG, WebP or GIF. Location and camera data are removed on upload."
    )

    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit", "tags", "licence", "focal_x", "focal_y"]
        widgets = {"tags": TagsInput}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # An unchanged file on edit is the stored one, already cleaned.
        if upload and "file" in self.changed_data:
            return clean_image_upload(upload)
        return upload


class PictureUploadForm(ImageAdminForm):
    """The picker's upload: the admin's image form (the same file checks), where the alt
    text must be given before the picture goes into an article."""

    class Meta(ImageAdminForm.Meta):
        fields = ["file", "alt_text", "caption", "credit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alt_text"].required = True
        self.fields["alt_text"].error_messages["required"] = (
            "Add alt text: describe the picture for readers who cannot see it. "
            "Nothing was uploaded."
        )
