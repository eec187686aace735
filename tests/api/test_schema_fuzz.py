"""Schemathesis against the served OpenAPI document: every operation, as an anonymous
client, with a read key, with a writer's token and with an editor's token, on a seeded site.
No answer may be a server error or differ from what the document promises (status, content
type, headers, body). In-process through Django's WSGI handler, never a live server; a few
examples per operation, derandomised, so a run is the same every time and quick.
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from articles.models import Article
from pages.models import Page
from tests.articles.factories import ImageFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 6


@pytest.fixture
def app(settings):
    """Django's own WSGI handler, inside the test's transaction: the signals that would close
    the connection at each request's end are held off, as Django's test client does."""
    settings.API_RATE_ANONYMOUS = settings.API_RATE_KEYED = settings.API_RATE_STAFF = 100_000
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def site(category, writer, editor):
    """A little of everything the API can show or refuse, in every status."""
    picture = ImageFactory()
    body = f"Boats [moored](/tag/boats/).\n\n[[image {picture.pk}: At dawn]]"
    shown = ArticleFactory(
        published=True, category=category, authors=[writer], tags=["Boats"], body=body
    )
    ArticleFactory(published=True, category=category, featured_image=picture, tags=["Tide"])
    own = ArticleFactory(category=category, authors=[writer], created_by=writer)
    review = ArticleFactory(status=Status.IN_REVIEW, category=category, authors=[writer])
    scheduled = ArticleFactory(scheduled=True, category=category)
    archived = ArticleFactory(published=True, category=category)
    Article.objects.filter(pk=archived.pk).update(status=Status.ARCHIVED)
    gone = ArticleFactory(status=Status.TAKEN_DOWN, category=category)
    Page.objects.create(title="About", slug="about", body="[Contact](/contact/)", is_published=True)
    return {
        "slugs": [shown.slug, scheduled.slug, gone.slug],
        "ids": [shown.pk, own.pk, review.pk, scheduled.pk, archived.pk, gone.pk],
        "category": category.slug,
    }


def credentials(kind, make_key, make_token, writer, editor):
    if kind == "read key":
        return {"X-API-Key": make_key()}
    if kind in ("writer", "editor"):
        account = writer if kind == "writer" else editor
        return {"Authorization": f"Bearer {make_token(account)}"}
    return {}


def cases(operation, site):
    """What the document allows, and the same aimed at the seeded articles: a random slug
    or id finds nothing, and a 404 is all it would test."""
    generated = operation.as_strategy()
    names = {p["name"] for p in operation.definition.raw.get("parameters", []) if p["in"] == "path"}
    if "slug" in names:
        pinned = st.sampled_from(site["slugs"]).flatmap(
            lambda slug: operation.as_strategy(path_parameters={"slug": slug})
        )
    elif "pk" in names:
        pinned = st.sampled_from(site["ids"]).flatmap(
            lambda pk: operation.as_strategy(path_parameters={"pk": pk})
        )
    else:
        return generated
    return st.one_of(generated, pinned)


@pytest.mark.parametrize("client_kind", ["anonymous", "read key", "writer", "editor"])
def test_no_operation_answers_a_server_error_or_breaks_the_document(
    client_kind, app, site, make_key, make_token, writer, editor
):
    headers = credentials(client_kind, make_key, make_token, writer, editor)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9

    for operation in operations:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=cases(operation, site))
        def answers_as_documented(case):
            response = case.call(app=app, headers=headers)
            case.validate_response(response, checks=CHECKS, headers=headers)

        answers_as_documented()
