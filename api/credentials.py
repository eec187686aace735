"""Find the key or token a request carries: API keys in `X-API-Key`, staff tokens in
`Authorization: Bearer`.

Keys travel in their own header, not in Authorization (which the page cache treats as
personal) nor in the query string (which would split the cache per key and write the
secret into every access log and Referer): a keyed read of public data is answered from
the same cached entry as an anonymous one.
"""

from django.core.cache import cache
from django.utils import timezone

from . import conf
from .models import ApiKey, StaffToken, credential_cache_key, digest

KEY_HEADER = "HTTP_X_API_KEY"
_UNKNOWN = "unknown"


def presented_key(request):
    return request.META.get(KEY_HEADER, "").strip()


def presented_token(request):
    scheme, _, secret = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else ""


def api_key_for(secret):
    """(key id, requests per minute) for an active key, or None; one cache read when warm."""
    if not secret or len(secret) > 200:
        return None
    cache_key = credential_cache_key(digest(secret))
    found = cache.get(cache_key)
    if found is None:
        key = ApiKey.objects.active().filter(key_digest=digest(secret)).first()
        found = (key.pk, key.rate()) if key else _UNKNOWN
        cache.set(cache_key, found, conf.CREDENTIAL_CACHE_SECONDS)
    return None if found == _UNKNOWN else tuple(found)


def staff_token_for(secret):
    """The active token and its active staff user, or None. Never cached: every write
    checks the token and the account as they are now."""
    if not secret or len(secret) > 200:
        return None
    token = (
        StaffToken.objects.active()
        .select_related("user")
        .filter(key_digest=digest(secret), user__is_active=True, user__is_staff=True)
        .first()
    )
    if token is not None:
        StaffToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token
