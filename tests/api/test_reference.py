"""The OpenAPI document and the reference page a developer reads."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_openapi_document_describes_every_endpoint(client):
    document = client.get("/api/v1/openapi.json").json()

    assert document["openapi"].startswith("3.")
    assert {
        "/api/v1/articles/",
        "/api/v1/articles/{slug}/",
        "/api/v1/categories/",
        "/api/v1/tags/",
        "/api/v1/authors/",
        "/api/v1/pages/",
        "/api/v1/staff/articles/",
        "/api/v1/staff/articles/{pk}/",
    } <= set(document["paths"])
    names = {p["name"] for p in document["paths"]["/api/v1/articles/"]["get"]["parameters"]}
    assert names == {"category", "tag", "author", "updated_since", "q", "limit", "cursor"}
    assert "ArticleOut" in document["components"]["schemas"]


def test_the_reference_page_renders_the_document_with_no_outside_assets(client):
    response = client.get("/api/v1/reference/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Newsroom content API, version 1</h1>" in html
    assert "GET /api/v1/articles/" in html.replace("</span> <code>", " ")
    assert "updated_since" in html and "X-API-Key" in html
    assert "<script>" not in html and "cdn" not in html.lower()
    assert 'href="http' not in html.replace('href="http://testserver', "")


def test_every_operation_has_its_own_id_as_openapi_requires(client):
    document = client.get("/api/v1/openapi.json").json()

    ids = [op["operationId"] for item in document["paths"].values() for op in item.values()]

    assert len(ids) == len(set(ids))


def test_the_reference_page_lists_objects_answers_use_not_parameter_groups(client):
    html = client.get("/api/v1/reference/").content.decode()

    assert 'id="schema-ArticleOut"' in html and 'id="schema-ImageOut"' in html
    assert 'id="schema-ArticleFilters"' not in html
    assert "<code>q</code>" in html and "`q`" not in html


def test_every_operation_documents_the_answers_of_the_api_edge(client):
    document = client.get("/api/v1/openapi.json").json()

    for item in document["paths"].values():
        for operation in item.values():
            assert {"401", "414", "429"} <= set(operation["responses"])
