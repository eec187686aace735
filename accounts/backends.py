"""Who is logged in and what they may do, without a query on every request.

Django looks the session's user up in the database on every request. Here that row is kept
in the shared cache under the reader's own key (`shared.keys.reader_key`), which any save
or deletion of the account marks (accounts/receivers.py), with the same rule as pages: a
lookup begun before a write commits is never kept. Deactivating an account, a new password
or a deletion therefore take effect on the next request, as they do without the cache.

A person's permissions are kept the same way (two queries a request otherwise, a fifth of
a staff heartbeat's CPU): under their key and STAFF_PERMISSIONS, which changes of their
roles, of a role's permissions and every `migrate` mark (accounts/receivers.py). Writes
past Django's signals (raw SQL, a bulk insert of through rows) are caught by the timeout.
"""

from django.contrib.auth.backends import ModelBackend

from shared.cache import cached_for_reader
from shared.keys import READER_ACCOUNT, READER_PERMISSIONS, STAFF_PERMISSIONS

PERMISSIONS_KEPT_SECONDS = 600


class ReaderBackend(ModelBackend):
    def get_user(self, user_id):
        return cached_for_reader(
            user_id, READER_ACCOUNT, lambda: super(ReaderBackend, self).get_user(user_id)
        )

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = cached_for_reader(
                user_obj.pk,
                READER_PERMISSIONS,
                lambda: super(ReaderBackend, self).get_all_permissions(user_obj),
                also=(STAFF_PERMISSIONS,),
                timeout=PERMISSIONS_KEPT_SECONDS,
            )
        return user_obj._perm_cache
