"""Version 1 of the content API: one NinjaAPI, its error answers and its routers."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import reverse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from shared import site_address

from . import read, write
from .errors import BadParameter, Held, Rejected

# What api.middleware.ApiEdgeMiddleware may answer instead of any operation.
EDGE_ANSWERS = {
    "401": "An unknown or revoked `X-API-Key` (write operations: no valid staff token).",
    "414": "The address (path and query) is longer than 2048 characters.",
    "429": "Past the rate limit; `Retry-After` says in how many seconds to try again.",
}


class ContentAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        document = super().get_openapi_schema(**kwargs)
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for item in document["paths"].values():
            # HEAD is implied by GET in HTTP; listed, it would repeat every operationId.
            item.pop("head", None)
            for operation in item.values():
                answers = operation.setdefault("responses", {})
                for status, description in EDGE_ANSWERS.items():
                    answers.setdefault(status, {"description": description, "content": error})
                answers["429"]["headers"] = {
                    "Retry-After": {"schema": {"type": "integer", "minimum": 1}}
                }
        return document


api = ContentAPI(
    title="Newsroom content API",
    version="1",
    description="The public archive as JSON, and a write API for staff integrations. "
    "Reading needs no key; an `X-API-Key` raises the rate limit.",
    urls_namespace="api",
    docs_url=None,  # our own reference page renders the document (api/reference.py)
)
api.add_router("", read.router)
api.add_router("staff/", write.router)


def answer(request, status, detail, **extra):
    return api.create_response(request, {"detail": detail, **extra}, status=status)


@api.exception_handler(ValidationError)
def invalid_input(request, exc):
    """400, never ninja's 422, naming each parameter or field that was wrong."""
    messages = {}
    for problem in exc.errors:
        where = [str(part) for part in problem.get("loc", ()) if part not in ("query", "body")]
        name = where[-1] if where and where[0] != "payload" else ".".join(where[1:]) or "body"
        messages.setdefault(name, []).append(problem.get("msg", "Invalid value."))
    first = next(iter(messages), "body")
    return answer(
        request, 400, f"Invalid `{first}`: {messages[first][0]}", parameter=first, errors=messages
    )


@api.exception_handler(BadParameter)
def bad_parameter(request, exc):
    return answer(request, 400, exc.detail, parameter=exc.parameter)


@api.exception_handler(Rejected)
def rejected(request, exc):
    named = {"parameter": exc.parameter} if exc.parameter else {}
    return answer(request, exc.status, exc.detail, errors=exc.errors, **named)


@api.exception_handler(Held)
def held(request, exc):
    change = reverse("admin:articles_article_change", args=[exc.article_id])
    admin_url = site_address.absolute_url(change)
    return answer(request, 423, exc.detail, holder=exc.holder, since=exc.since, admin_url=admin_url)


@api.exception_handler(DjangoValidationError)
def refused_by_rule(request, exc):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
    return answer(request, 400, " ".join(exc.messages), errors=errors)


@api.exception_handler(PermissionDenied)
def not_allowed(request, exc):
    return answer(request, 403, str(exc) or "Your account may not do this.")


@api.exception_handler(AuthenticationError)
def no_credentials(request, exc):
    response = answer(request, 401, "A valid staff token is needed: Authorization: Bearer …")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Http404)
def not_found(request, exc):
    return answer(request, 404, "Not found.")


@api.exception_handler(HttpError)
def http_error(request, exc):
    return answer(request, exc.status_code, str(exc))
