"""The picture picker's server side: search the library, upload in place, and the
featured-image field that opens the picker (static/newsroom_admin/picker.js).

Mounted through ArticleAdmin.get_urls, so admin_view guards them (staff only, CSRF); each
view asks for the image permission it needs on top. Both answer the same item JSON.
"""

from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ..forms import PictureUploadForm
from ..images import thumbnail_url
from ..models import Image

PAGE_SIZE = 24


def picture_item(image):
    local = timezone.localtime(image.created_at)
    return {
        "id": image.pk,
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "thumbnail_url": thumbnail_url(image),
        "url": image.file.url,  # the original, which the Markdown editor's old picker shows
        "has_alt": bool(image.alt_text),
        "created_at": local.isoformat(),
        "date": f"{local:%-d %b %Y, %H:%M}",
        "tags": sorted(tag.name for tag in image.tags.all()),
    }


def _require(request, codename):
    if not request.user.has_perm(f"articles.{codename}"):
        raise PermissionDenied


def search_pictures(query):
    """Newest first; a query matches the alt text, caption, credit or a tag."""
    images = Image.objects.order_by("-created_at", "-pk")
    if query:
        tagged = Image.objects.filter(tags__name__icontains=query).values("pk")
        images = images.filter(
            Q(alt_text__icontains=query)
            | Q(caption__icontains=query)
            | Q(credit__icontains=query)
            | Q(pk__in=tagged)
        )
    return images


def _page_number(request):
    try:
        return max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        return 1


@never_cache
@require_GET
def picture_search_view(request):
    """One page of the library: `?q=` to search, `?page=` for more (24 a page)."""
    _require(request, "view_image")
    query = request.GET.get("q", "").strip()[:100]
    page = _page_number(request)
    start = (page - 1) * PAGE_SIZE
    # One row past the page says whether there is another, without counting the library.
    found = list(search_pictures(query).prefetch_related("tags")[start : start + PAGE_SIZE + 1])
    return JsonResponse(
        {
            "images": [picture_item(image) for image in found[:PAGE_SIZE]],
            "page": page,
            "next_page": page + 1 if len(found) > PAGE_SIZE else None,
            "query": query,
        }
    )


@never_cache
@require_POST
def picture_upload_view(request):
    """Store an uploaded picture as the admin's image form does (same checks; renditions
    by the job), but only with its alt text. A refusal keeps nothing."""
    _require(request, "add_image")
    form = PictureUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        message = " ".join(message for messages in errors.values() for message in messages)
        return JsonResponse({"errors": errors, "message": message}, status=400)
    image = form.save(commit=False)
    image.uploaded_by = request.user
    image.save()
    return JsonResponse(picture_item(image), status=201)


class PictureChooser(ForeignKeyRawIdWidget):
    """The featured (and social) image field: the picture's number in a plain input, which
    works without JavaScript, and beside it the picture with its alt text and the buttons
    that open the picker (hidden until picker.js runs)."""

    # picker.js and picker.css come with every admin page (admin/base_site.html).

    _image = None

    def label_and_url_for_value(self, value):
        # The admin's label and link beside the number, from the picture render has just
        # looked up: one query for the field, not two.
        image = self._image
        if image is None or str(image.pk) != str(value):
            return super().label_and_url_for_value(value)
        try:
            url = reverse(f"{self.admin_site.name}:articles_image_change", args=(image.pk,))
        except NoReverseMatch:
            url = ""
        return Truncator(image).words(14), url

    def render(self, name, value, attrs=None, renderer=None):
        image = Image.objects.filter(pk=value).first() if str(value or "").isdigit() else None
        self._image = image
        field = super().render(name, value, attrs, renderer)
        input_id = (attrs or {}).get("id", f"id_{name}")
        if image is None:
            preview = format_html('<span class="nr-chooser__empty">{}</span>', "No picture chosen.")
        else:
            preview = format_html(
                '<img class="nr-chooser__thumb" src="{}" alt="" width="120" height="80">'
                '<span class="nr-chooser__alt">{}</span>',
                thumbnail_url(image),
                image.alt_text or "(no alt text yet)",
            )
        return format_html(
            '<div class="nr-chooser" data-picture-chooser data-input="{}">'
            '<div class="nr-chooser__preview" aria-live="polite">{}</div>'
            '<div class="nr-chooser__actions" hidden>'
            '<button type="button" class="button" data-chooser-choose>Choose picture</button> '
            '<button type="button" class="button" data-chooser-remove>Remove</button>'
            "</div>"
            '<div class="nr-chooser__field">{}</div></div>',
            input_id,
            preview,
            field,
        )
