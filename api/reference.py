"""The API's human-readable reference: the OpenAPI document, rendered by our template.

No Swagger UI: it loads scripts and styles from a CDN and runs inline code, which the
site's CSP forbids and which fails offline. The page is plain HTML from the same document
clients fetch, so the two cannot disagree.
"""

import json
import re

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from shared.cache import depends_on
from shared.keys import NAV, SITE

from . import conf

METHODS = ("get", "post", "put", "patch", "delete")
CODE = re.compile(r"`([^`]+)`")


def prose(text):
    """Descriptions use Markdown's `code` marks: escaped, and those alone made <code>."""
    return mark_safe(CODE.sub(r"<code>\1</code>", escape(text or "")))  # noqa: S308


def referenced(document):
    """The schemas that answers and bodies use, directly or through each other: query
    parameter groups (ArticleFilters) are described with their operation instead."""
    schemas = document.get("components", {}).get("schemas", {})
    found, todo = set(), []
    for item in document.get("paths", {}).values():
        for operation in item.values():
            todo += re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(operation))
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo += re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(schemas.get(name)))
    return found


def type_of(schema):
    """A JSON Schema as a short phrase: `string`, `list of Tag`, `integer or null`."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(type_of(part) for part in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(f"“{value}”" for value in schema["enum"])
    if schema.get("type") == "array":
        return f"list of {type_of(schema.get('items', {}))}"
    kind = schema.get("type", "any")
    return f"{kind} ({schema['format']})" if "format" in schema else kind


def operations(document):
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            yield {
                "method": method.upper(),
                "path": path,
                "anchor": operation.get("operationId", f"{method}-{path}"),
                "summary": operation.get("summary", ""),
                "description": prose(operation.get("description", "")),
                "needs_token": bool(operation.get("security")),
                "parameters": [
                    {
                        "name": p["name"],
                        "where": p["in"],
                        "required": p.get("required", False),
                        "type": type_of(p.get("schema", {})),
                        "description": prose(
                            p.get("description") or p.get("schema", {}).get("description", "")
                        ),
                    }
                    for p in operation.get("parameters", [])
                ],
                "body": type_of(body["schema"]) if body else None,
                "responses": [
                    {
                        "status": status,
                        "type": type_of(
                            answer.get("content", {})
                            .get("application/json", {})
                            .get("schema", {"type": "empty"})
                        ),
                    }
                    for status, answer in operation.get("responses", {}).items()
                ],
            }


def components(document):
    used = referenced(document)
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        if name not in used:
            continue
        required = set(schema.get("required", []))
        yield {
            "name": name,
            "fields": [
                {
                    "name": field,
                    "type": type_of(spec),
                    "required": field in required,
                    "description": prose(spec.get("description", "")),
                }
                for field, spec in schema.get("properties", {}).items()
            ],
        }


@require_GET
def reference(request):
    from .v1 import api  # the URLconf imports this module before the API is built

    root = reverse("api:reference").removesuffix("reference/")
    document = api.get_openapi_schema(path_prefix=root)
    depends_on(request, SITE, NAV)
    context = {
        "info": {**document["info"], "description": prose(document["info"]["description"])},
        "operations": list(operations(document)),
        "components": list(components(document)),
        "openapi_url": reverse("api:openapi-json"),
        "rate_anonymous": conf.setting("API_RATE_ANONYMOUS"),
    }
    return render(request, "api/reference.html", context)


@csrf_exempt  # unknown is unknown for every method: a POST too gets JSON, not the CSRF page
def not_found(request):
    """A JSON 404; an address missing only its final slash is sent to it, as on the site."""
    if request.method in ("GET", "HEAD") and not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not_found":
            query = request.META.get("QUERY_STRING", "")
            return redirect(request.path + "/" + (f"?{query}" if query else ""), permanent=True)
    return JsonResponse({"detail": "Not found."}, status=404)
