import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def post(client, article, body, ip="203.0.113.5"):
    return client.post(reverse("comments:post", args=[article.pk]), {"body": body}, REMOTE_ADDR=ip)


def test_a_second_comment_within_fifteen_seconds_is_refused_and_the_text_kept(
    reader_client, published_article, settings
):
    settings.COMMENTS_RATE_LIMITS = [(1, 15), (30, 3600)]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert post(reader_client, published_article, "First").status_code == 302
        clock.shift(5)
        response = post(reader_client, published_article, "My carefully written second thought")
        assert response.status_code == 429
        html = response.content.decode()
        assert "You are commenting too quickly" in html
        assert "My carefully written second thought" in html
        clock.shift(15)
        assert post(reader_client, published_article, "Second, later").status_code == 302
    assert Comment.objects.count() == 2


def test_the_hourly_limit_counts_every_comment_of_the_hour(
    reader_client, published_article, settings
):
    settings.COMMENTS_RATE_LIMITS = [(3, 3600)]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for n in range(3):
            assert post(reader_client, published_article, f"Comment {n}").status_code == 302
            clock.shift(60)
        assert post(reader_client, published_article, "One too many").status_code == 429
        clock.shift(3600)
        assert post(reader_client, published_article, "Next hour").status_code == 302


def test_the_limit_also_applies_per_ip_address_across_accounts(published_article, settings):
    settings.COMMENTS_RATE_LIMITS = [(1, 15)]
    first, second = Client(), Client()
    first.force_login(UserFactory())
    second.force_login(UserFactory())
    with time_machine.travel(timezone.now(), tick=False):
        assert post(first, published_article, "From one", ip="198.51.100.7").status_code == 302
        assert post(second, published_article, "From two", ip="198.51.100.7").status_code == 429
        assert post(second, published_article, "Elsewhere", ip="198.51.100.8").status_code == 302
