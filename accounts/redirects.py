from django.http import QueryDict
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme

# Pages for visitors on their way in (or out). A `next` pointing at one of them would send the
# reader back to a login page after logging in, and each page's links would wrap it once more,
# a crawler trap. The pages a logged-in reader goes to (profile, password change) stay valid.
ENTRY_PAGES = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "accounts:signup",
    "accounts:activate",
}
MAX_UNWRAP = 5


def safe_next(request, default):
    """The `next` parameter when it stays on this site, otherwise the default.

    A `next` that points at a login or sign-up page is replaced by the `next` it carries
    (or the default), so `next` never nests.
    """
    return unwrap_next(request.POST.get("next") or request.GET.get("next") or "", request, default)


def unwrap_next(target, request, default):
    for _ in range(MAX_UNWRAP):
        if not target or not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return default
        path, _sep, query = target.partition("?")
        if not is_entry_page(path.partition("#")[0]):
            return target
        target = QueryDict(query.partition("#")[0]).get("next", "")
    return default


def is_entry_page(path):
    try:
        return resolve(path).view_name in ENTRY_PAGES
    except Resolver404:
        return False


def return_path(request):
    """Where the current page's log-in and sign-up links should bring the reader back to."""
    # The page's own match when its URL was resolved: resolving the path again was about a
    # sixth of filling an anonymous page's parts on a page-cache miss.
    match = getattr(request, "resolver_match", None)
    entry_page = match.view_name in ENTRY_PAGES if match else is_entry_page(request.path_info)
    if entry_page:
        return safe_next(request, "")
    return request.get_full_path()
