"""The admin's "view on site" redirect, with the admin's own visibility.

Django's `/admin/r/<content type>/<id>/` redirects any staff user to any object's address,
so a writer could learn the slug of a colleague's draft by counting ids. This one first
asks the object's ModelAdmin, as its change page does: an object outside the user's admin
queryset, or one they may neither view nor change, is a 404.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404


def view_on_site(request, content_type_id, object_id):
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404("No such kind of object.") from None
    try:
        model_admin = admin.site.get_model_admin(model)
    except admin.exceptions.NotRegistered:
        raise Http404("Not in the admin.") from None
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404("Not yours to see.")
    return shortcut(request, content_type_id, object_id)
