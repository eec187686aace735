from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def healthz(request):
    """The process is up; says nothing of the database, so a load balancer can poll it cheaply."""
    return HttpResponse("ok", content_type="text/plain")
