"""Deliveries never reach the site's own network, whatever the URL or its redirects say."""

import pytest
from django_tasks import TaskResultStatus

from webhooks.models import Delivery, Endpoint
from webhooks.services import endpoint_send_test
from webhooks.tasks import deliver
from webhooks.transport import is_public

pytestmark = pytest.mark.django_db


def send_test_event(url, job_queue, captured):
    endpoint = Endpoint.objects.create(name="Somewhere", url=url, events=[])
    with captured(execute=True):
        endpoint_send_test(endpoint=endpoint)
    job_queue.run()
    return Delivery.objects.get(endpoint=endpoint)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.10",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fc00::5",
        "::ffff:127.0.0.1",
        "224.0.0.1",
    ],
)
def test_internal_addresses_are_not_public(address):
    assert not is_public(address)


@pytest.mark.parametrize(
    "address",
    [
        "::127.0.0.1",  # IPv4-compatible loopback
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 of the metadata service 169.254.169.254
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
        "192.0.0.8",  # IETF protocol assignments
        "198.18.0.1",  # benchmarking
        "2001:db8::1",  # documentation
        "::ffff:10.0.0.1",
    ],
)
def test_special_purpose_and_wrapped_internal_addresses_are_not_public(address):
    assert not is_public(address)


@pytest.mark.parametrize(
    "address",
    [
        "93.184.216.34",
        "8.8.8.8",
        "1.1.1.1",
        "2606:4700:4700::1111",
        "2a00:1450:4001:80b::200e",
        "64:ff9b::808:808",  # NAT64 of 8.8.8.8: how an IPv6-only host reaches it
        "2002:808:808::1",  # 6to4 of 8.8.8.8
        "::ffff:93.184.216.34",
    ],
)
def test_ordinary_public_addresses_are_public(address):
    assert is_public(address)


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:{port}/hook",  # a name that resolves to 127.0.0.1
        "http://2130706433:{port}/hook",  # 127.0.0.1 written as one number
        "http://[::1]:{port}/hook",
        "http://169.254.169.254/latest/meta-data/",  # the cloud's metadata service
        "http://192.168.1.10/hook",
    ],
)
def test_a_url_that_resolves_to_an_internal_address_is_refused_without_a_request(
    url, hook_receiver, job_queue, django_capture_on_commit_callbacks
):
    url = url.format(port=hook_receiver.port)
    delivery = send_test_event(url, job_queue, django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.Status.REFUSED
    assert "internal address" in delivery.error
    assert "NEWSROOM_WEBHOOKS_ALLOWED_INTERNAL_HOSTS" in delivery.error
    assert hook_receiver.requests == []
    job = job_queue.jobs(deliver).get()
    assert job.status == TaskResultStatus.SUCCESSFUL, "refused for good, not retried"


@pytest.mark.parametrize(
    "target", ["http://10.0.0.7/steal", "http://localhost:{port}/again", "/relative-is-fine-too"]
)
def test_a_redirect_to_an_internal_address_is_refused(
    target, hook_receiver, job_queue, django_capture_on_commit_callbacks
):
    target = target.format(port=hook_receiver.port)
    hook_receiver.answers = [(307, {"Location": target})]
    delivery = send_test_event(hook_receiver.url, job_queue, django_capture_on_commit_callbacks)
    if target.startswith("/"):
        # Same allowed host: followed, and the second request is answered.
        assert delivery.status == Delivery.Status.SUCCEEDED
        assert [r.path for r in hook_receiver.requests] == ["/hooks/newsroom", target]
    else:
        assert delivery.status == Delivery.Status.REFUSED
        assert "internal address" in delivery.error
        assert len(hook_receiver.requests) == 1


def test_a_listed_internal_host_is_allowed(
    settings, hook_receiver, job_queue, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_ALLOWED_INTERNAL_HOSTS = ["localhost"]
    url = f"http://localhost:{hook_receiver.port}/hook"
    delivery = send_test_event(url, job_queue, django_capture_on_commit_callbacks)
    assert delivery.status == Delivery.Status.SUCCEEDED
    assert len(hook_receiver.requests) == 1
