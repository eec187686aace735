"""The one-time form token (shared/submit_once.py) as any form adopting it meets it: a
second POST while the first is still working, a first that failed, no token at all."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponseRedirect
from django.test import RequestFactory

from shared.submit_once import FIELD, STILL_WORKING, new_token, run_once
from tests.shared.test_cache_backends import DEAD_REDIS


@pytest.fixture
def post():
    token = new_token()

    def make(data=None):
        request = RequestFactory().post("/form/", {FIELD: token, "body": "Hello", **(data or {})})
        request.user = AnonymousUser()
        request._messages = CookieStorage(request)
        return request

    return make


def said(request):
    return [str(message) for message in get_messages(request)]


def test_a_second_post_while_the_first_is_working_is_told_so_and_sent_back(post):
    done, answers = [], []

    def act():
        done.append(1)
        second = post()
        answers.append((run_once(second, "test", act, back="/back/"), said(second)))
        return HttpResponseRedirect("/done/")

    run_once(post(), "test", act, back="/back/")

    assert done == [1]
    ((response, messages),) = answers
    assert response["Location"] == "/back/"
    assert messages == [STILL_WORKING]


def test_a_first_post_that_failed_leaves_the_retry_free_to_act(post):
    def fail():
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        run_once(post(), "test", fail)

    assert run_once(post(), "test", lambda: HttpResponseRedirect("/done/"))["Location"] == "/done/"


def test_a_form_without_a_token_acts_every_time():
    done = []
    for _ in range(2):
        request = RequestFactory().post("/form/", {"body": "Hello"})
        request.user = AnonymousUser()
        run_once(request, "test", lambda: done.append(1))
    assert done == [1, 1]


def test_when_redis_is_down_the_post_is_acted_on(post, settings):
    settings.CACHES = DEAD_REDIS  # add() answers False, get() None: nobody can tell
    done = []
    for _ in range(2):
        run_once(post(), "test", lambda: done.append(1))
    assert done == [1, 1], "a rare double rather than a lost submission"
