"""Who is logged in, without a query on every page a reader opens.

Django looks the session's user up in the database on every request. Here that row is kept
in the shared cache under the reader's own key (`shared.keys.reader_key`), which any save
or deletion of the account marks (accounts/receivers.py), with the same rule as pages: a
lookup begun before a write commits is never kept. Deactivating an account, a new password
or a deletion therefore take effect on the next request, as they do without the cache.
"""

from django.contrib.auth.backends import ModelBackend

from shared.cache import cached_for_reader
from shared.keys import READER_ACCOUNT


class ReaderBackend(ModelBackend):
    def get_user(self, user_id):
        return cached_for_reader(
            user_id, READER_ACCOUNT, lambda: super(ReaderBackend, self).get_user(user_id)
        )
