"""A job worker killed in the middle of a send: another worker finishes it, and every reader
gets the message once, the one being handed over at the kill included."""

import signal
import time

import pytest

from tests import smtp
from tests.newsletters.workers import (
    all_jobs_finished,
    manage,
    newsletter_site,
    report,
    start_worker,
    stop,
    wait_for,
)

pytestmark = pytest.mark.multiserver

SUBSCRIBE = """
from django.utils import timezone
from newsletters.models import Subscriber
Subscriber.objects.create(email="late@example.com", confirmed_at=timezone.now(), wants_alerts=False)
"""

ALERT = """
from articles.models import Article
from newsletters import services
services.alert_create(article=Article.objects.get())
"""


# Moves no clock and reads no time of day: it runs apart from the legs at awkward hours,
# where libfaketime hangs the second worker's recovery (see the Makefile).
@pytest.mark.real_clock
def test_a_worker_killed_mid_send_leaves_no_duplicate_and_no_gap(tmp_path, database):
    # The 15th message (in the second batch of ten) is held before the server answers.
    controller, inbox = smtp.start(hold_at=15)
    try:
        env, _ = newsletter_site(
            tmp_path,
            controller.port,
            database,
            readers=40,
            NEWSLETTERS_BATCH_SIZE="10",
            NEWSLETTERS_PER_MINUTE="1000000",
            NEWSLETTERS_DIGEST_TIME="",  # no digest today: only the alert goes
            then=ALERT,
        )
        first = start_worker(env, "first")
        try:
            assert inbox.holding.wait(60), "the send never reached the 15th message"
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        finally:
            stop(first)
        wait_for(lambda: inbox.dropped, 10, "the server never saw the client go")
        inbox.release()
        assert len(inbox.messages) == 14

        second = start_worker(env, "second")
        try:
            wait_for(lambda: len(inbox.messages) >= 40, 60, "the send was never finished")
            time.sleep(3)  # more beats: nothing else may come
        finally:
            stop(second)
    finally:
        controller.stop()

    received = sorted(m["To"] for m in inbox.messages)
    assert received == [f"reader{i:03}@example.com" for i in range(40)], "none twice, none missed"
    state = report(env)
    assert state["deliveries"] == {"sent": 40}
    assert state["interrupted"] == ["reader014@example.com"]
    (resent,) = inbox.to("reader014@example.com")
    assert resent["Message-ID"] == inbox.dropped[0]["Message-ID"], "the same message, again"


def test_a_batch_keeps_sending_while_other_processes_write_to_the_database(tmp_path, database):
    """The server holds the 40th message of the first batch (of 60) while another process
    writes (a reader subscribes) and the worker's heartbeat writes (every second): no batch
    fails for it. (A batch read through an open cursor did: SQLite refused its next write,
    "database is locked".) Each step waits for an event, not for time to pass: the writes
    happen while the batch is held, whatever the machine's speed; the deadlines only turn a
    hang into a failure."""
    controller, inbox = smtp.start(hold_at=40, delay=0.02)
    try:
        env, _ = newsletter_site(
            tmp_path,
            controller.port,
            database,
            readers=120,
            NEWSLETTERS_BATCH_SIZE="60",
            NEWSLETTERS_PER_MINUTE="1000000",
            NEWSLETTERS_DIGEST_TIME="",
            then=ALERT,
        )
        worker = start_worker(env, "only")
        try:
            assert inbox.holding.wait(180), "the send never reached the 40th message"
            manage(env, "shell", "--command", SUBSCRIBE)  # another process writes meanwhile
            inbox.release()
            wait_for(lambda: len(inbox.messages) >= 120, 180, "a batch failed and waits")
            # The 120th message is not the end of the send: the job after the last batch
            # (it finds no one left and marks the send done) is claimed at the worker's
            # next poll. Stopping the worker before that left it never tried (attempts
            # {0, 1}) on a busy machine, so wait until every job has run.
            wait_for(lambda: all_jobs_finished(env), 180, "a job was never run")
        finally:
            stop(worker)
    finally:
        inbox.release()  # never leave the server holding a message
        controller.stop()
    state = report(env)
    assert state["deliveries"] == {"sent": 120}
    assert [send["status"] for send in state["sends"]] == ["done"]
    assert set(state["attempts"]) == {1}, "no batch was tried twice"
