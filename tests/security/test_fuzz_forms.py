"""Whatever a stranger sends the public forms, the answer is a page, never a server error."""

import pytest
from axes.utils import reset as axes_reset
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

ANSWERS = {200, 302, 400, 403, 404, 409, 429}
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Any text, control characters included. Lone surrogates cannot be encoded into a request
# at all (the client fails before sending), so they are left to the raw-bytes test below.
text = st.text(alphabet=st.characters(exclude_categories=("Cs",)))
extra_fields = st.dictionaries(text, text, max_size=4)


def fresh_start():
    """Each example starts unthrottled: no rate-limit counts, no login lockouts."""
    cache.clear()
    axes_reset()


@pytest.fixture
def article(db):
    return ArticleFactory(published=True)


@pytest.fixture
def commenter(db):
    return UserFactory(username="fuzzer")


def merged(known, extra):
    return {**extra, **known} if extra else known


@FUZZ
@given(body=text, parent=text, website=st.sampled_from(["", "x"]), extra=extra_fields)
def test_the_comment_form_answers_any_input(
    client, article, commenter, body, parent, website, extra
):
    fresh_start()
    client.force_login(commenter)
    url = reverse("comments:post", kwargs={"article_id": article.pk})
    data = merged({"body": body, "parent": parent, "website": website}, extra)
    assert client.post(url, data).status_code in ANSWERS


@FUZZ
@given(username=text, email=text, display_name=text, password=text, extra=extra_fields)
def test_the_signup_form_answers_any_input(client, username, email, display_name, password, extra):
    fresh_start()
    data = {
        "username": username,
        "email": email,
        "display_name": display_name,
        "password1": password,
        "password2": password,
    }
    response = client.post(reverse("accounts:signup"), merged(data, extra))
    assert response.status_code in ANSWERS


@FUZZ
@given(username=text, password=text, next_url=text, extra=extra_fields)
def test_the_login_form_answers_any_input(client, username, password, next_url, extra):
    fresh_start()
    data = {"username": username, "password": password, "next": next_url}
    response = client.post(reverse("login"), merged(data, extra))
    assert response.status_code in ANSWERS


@FUZZ
@given(query=text, page=text, extra=extra_fields)
def test_search_answers_any_query(client, article, query, page, extra):
    fresh_start()
    response = client.get(reverse("search:search"), merged({"q": query, "page": page}, extra))
    assert response.status_code in ANSWERS


@FUZZ
@given(body=st.binary(max_size=2000), form=st.sampled_from(["comment", "signup", "login"]))
def test_raw_bytes_posted_to_any_form_are_answered(client, article, commenter, body, form):
    fresh_start()
    if form == "comment":
        client.force_login(commenter)
    url = {
        "comment": reverse("comments:post", kwargs={"article_id": article.pk}),
        "signup": reverse("accounts:signup"),
        "login": reverse("login"),
    }[form]
    for content_type in ("application/x-www-form-urlencoded", "multipart/form-data; boundary=b"):
        response = client.generic("POST", url, body, content_type=content_type)
        assert response.status_code in ANSWERS, content_type


@FUZZ
@given(query=st.binary(max_size=300))
def test_raw_bytes_in_the_search_address_are_answered(client, article, query):
    fresh_start()
    from urllib.parse import quote_from_bytes

    response = client.get(reverse("search:search"), QUERY_STRING="q=" + quote_from_bytes(query))
    assert response.status_code in ANSWERS
