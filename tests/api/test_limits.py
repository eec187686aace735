"""Rate limits: per address without a key, per key with one; 429 says when to come back."""

import pytest

from api.models import ApiKey

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock_standing_still")]


@pytest.fixture(autouse=True)
def low_limits(settings):
    settings.API_RATE_ANONYMOUS = 3
    settings.API_RATE_KEYED = 5


def statuses(client, times, **headers):
    return [
        client.get(
            "/api/v1/categories/", headers={k.replace("_", "-"): v for k, v in headers.items()}
        ).status_code
        for _ in range(times)
    ]


def test_an_address_past_its_limit_gets_429_with_retry_after(client):
    assert statuses(client, 3) == [200, 200, 200]

    refused = client.get("/api/v1/categories/")

    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "3 a minute" in refused.json()["detail"]
    assert "no-store" in refused["Cache-Control"]


def test_cached_answers_count_towards_the_limit_too(client):
    statuses(client, 3)  # the second and third are page-cache hits

    assert client.get("/api/v1/categories/").status_code == 429


def test_each_address_has_its_own_allowance(client):
    statuses(client, 4)

    other = client.get("/api/v1/categories/", REMOTE_ADDR="192.0.2.7")

    assert other.status_code == 200


def test_a_key_raises_the_limit_and_is_counted_on_its_own(client, make_key):
    key = make_key()
    statuses(client, 4)  # the address is spent

    assert statuses(client, 5, X_API_Key=key) == [200] * 5
    assert statuses(client, 1, X_API_Key=key) == [429]


def test_a_key_with_its_own_limit_gets_that_limit(client, make_key):
    key = make_key(requests_per_minute=8)

    assert statuses(client, 9, X_API_Key=key) == [200] * 8 + [429]


def test_an_unknown_or_revoked_key_is_refused_with_401_naming_the_header(client, make_key):
    key = make_key()
    assert client.get("/api/v1/categories/", headers={"X-API-Key": key}).status_code == 200
    ApiKey.objects.get().revoke()

    revoked = client.get("/api/v1/categories/", headers={"X-API-Key": key})
    unknown = client.get("/api/v1/categories/", headers={"X-API-Key": "nrk_guess"})

    assert revoked.status_code == unknown.status_code == 401
    assert revoked.json()["parameter"] == "X-API-Key"


def test_reading_never_needs_a_key(client, published_article):
    response = client.get(f"/api/v1/articles/{published_article.slug}/")

    assert response.status_code == 200
