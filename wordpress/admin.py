"""Admin for the WordPress importer: an upload page that runs the import and shows its
report, the kept reports of earlier runs, and the images still lacking alt text."""

import tempfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.html import format_html

from articles.models import Category

from .importer import ImportOptionsError, WXRError, wordpress_import
from .models import ImageLackingAltText, OldAddress, WordPressImport
from .report import attention_lines


class ImportForm(forms.Form):
    export = forms.FileField(
        label="WordPress export (.xml)",
        help_text="From WordPress: Tools → Export → All content. Uploads are limited to "
        f"{settings.MAX_REQUEST_BYTES // (1024 * 1024)} MB; import larger exports with "
        "manage.py import_wordpress.",
    )
    default_category = forms.ModelChoiceField(
        Category.objects.filter(shows_trending=False),
        required=False,
        to_field_name="slug",
        help_text="For WordPress categories with no category of the same address here. "
        "Leave empty to create them.",
    )
    categories_in_bar = forms.BooleanField(
        label="Show new categories in the category bar",
        required=False,
        help_text="Categories the import creates are left out of the public category bar "
        "unless this is ticked; an editor can add them later (Categories).",
    )
    download = forms.BooleanField(
        label="Download images from the old site",
        required=False,
        help_text="Each picture is fetched with a 60 s and 20 MB limit, never from an internal "
        "address; a picture that cannot be fetched is listed in the report.",
    )
    dry_run = forms.BooleanField(
        label="Dry run", required=False, help_text="Write nothing; only show the report."
    )


@admin.register(WordPressImport)
class WordPressImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "site_url", "started_by", "started_at", "finished_at"]
    readonly_fields = ["file_name", "site_url", "started_by", "started_at", "finished_at"]
    fields = readonly_fields

    def has_change_permission(self, request, obj=None):
        return False  # a report is a record of what happened

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        report, error = None, None
        if request.method == "POST" and form.is_valid():
            report, error = self.run(request, form.cleaned_data)
            if report is not None and not report["dry_run"]:
                messages.success(request, "The import finished; its report is kept below.")
        return self.report_page(request, "Import from WordPress", report, form=form, error=error)

    def run(self, request, data):
        category = data["default_category"]
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "export.xml"
            with path.open("wb") as handle:
                for chunk in data["export"].chunks():
                    handle.write(chunk)
            try:
                report = wordpress_import(
                    path=path,
                    file_name=data["export"].name,
                    default_category=category.slug if category else None,
                    categories_in_bar=data["categories_in_bar"],
                    download=data["download"],
                    dry_run=data["dry_run"],
                    user=request.user,
                )
            except (WXRError, ImportOptionsError) as failure:
                return None, str(failure)
        return report, None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, object_id)
        if record is None or not self.has_view_permission(request, record):
            raise PermissionDenied
        return self.report_page(request, str(record), record.report)

    def report_page(self, request, title, report, **extra):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "report": report,
            "report_text": "\n".join(attention_lines(report)).strip() if report else "",
            "lacking_alt": ImageLackingAltText.objects.filter(alt_text="").count(),
            **extra,
        }
        return TemplateResponse(request, "admin/wordpress/wordpressimport/report.html", context)


@admin.register(ImageLackingAltText)
class ImageLackingAltTextAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "pk", "caption", "alt_text", "created_at"]
    list_display_links = ["pk"]
    list_editable = ["alt_text"]
    search_fields = ["caption", "credit"]
    fields = ["alt_text", "caption", "credit"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(alt_text="")

    def has_add_permission(self, request):
        return False

    @admin.display(description="image")
    def thumbnail(self, image):
        return format_html(
            '<img class="nr-thumb" src="{}" alt="" width="80" height="45">', image.file.url
        )


@admin.register(OldAddress)
class OldAddressAdmin(admin.ModelAdmin):
    """The imported site's addresses and where they lead, for editors checking a link."""

    list_display = ["path", "destination"]
    search_fields = ["path", "url", "article__slug", "page__path", "image__file"]
    list_select_related = ["article", "page"]
    fields = ["path", "article", "page", "image", "url"]
    raw_id_fields = ["article", "page", "image"]

    @admin.display(description="leads to")
    def destination(self, old):
        return old.target or "(nowhere: not public)"
