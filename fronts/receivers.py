"""A front's layout is edited in the admin (zones and placements as inlines): every save
and deletion of its rows makes that front's page stale, and no other."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Front, Placement, Zone
from .services import front_changed, fronts_changed


@receiver([post_save, post_delete], sender=Front)
def front_saved(sender, instance, **kwargs):
    fronts_changed()
    front_changed(category_id=instance.category_id)


@receiver([post_save, post_delete], sender=Zone)
def zone_saved(sender, instance, created=False, **kwargs):
    if created or kwargs["signal"] is post_delete:
        fronts_changed()  # which pages have a front may have changed
    _front_changed(Front.objects.filter(pk=instance.front_id))


@receiver([post_save, post_delete], sender=Placement)
def placement_saved(sender, instance, **kwargs):
    _front_changed(Front.objects.filter(zones=instance.zone_id))


def _front_changed(fronts):
    # Gone when the whole front is being deleted: its own deletion names its page.
    for category_id in fronts.values_list("category_id", flat=True):
        front_changed(category_id=category_id)
