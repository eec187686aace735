"""The background link check: what each address answers now, kept as a LinkCheck."""

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from shared.guarded_fetch import InternalAddress, Refused, Unreachable, request

from .models import LinkCheck

READ_LIMIT = 1024  # only the status matters; the start of the page is read and dropped


def link_status(url):
    """(status, error) for `url`: GET, never to an internal address (shared/guarded_fetch)."""
    try:
        response = request(
            "GET",
            url,
            headers={"User-Agent": "Newsroom link check"},
            timeout=10,
            read_limit=READ_LIMIT,
            truncate=True,
            allowed_hosts=settings.PREPUBLISH_LINK_CHECK_ALLOWED_INTERNAL_HOSTS,
        )
    except InternalAddress:
        return None, "not checked: an address inside our own network"
    except (Refused, Unreachable) as error:
        return None, str(error)[:300]
    return response.status, ""


@task()
def check_links(urls):
    """Ask each address once and keep the answer; run again, it asks again (idempotent)."""
    for url in urls:
        status, error = link_status(url)
        LinkCheck.objects.update_or_create(
            url=url[:2000],
            defaults={"status": status, "error": error, "checked_at": timezone.now()},
        )
