"""Two real job workers start the day's digest by themselves (no cron), and it goes out once."""

import time

import pytest

from tests import smtp
from tests.newsletters.workers import newsletter_site, report, start_worker, stop, wait_for

pytestmark = pytest.mark.multiserver


def test_two_workers_started_after_the_digest_time_send_one_digest_to_each_reader(
    tmp_path, database
):
    controller, inbox = smtp.start()
    try:
        env, _ = newsletter_site(
            tmp_path, controller.port, database, readers=30, NEWSLETTERS_DIGEST_TIME="00:00"
        )
        workers = [start_worker(env, "first"), start_worker(env, "second")]
        try:
            wait_for(lambda: len(inbox.messages) >= 30, 60, "the digest never arrived")
            time.sleep(3)  # three more beats of each worker: nothing more may come
        finally:
            stop(*workers)
    finally:
        controller.stop()

    received = sorted(m["To"] for m in inbox.messages)
    assert received == [f"reader{i:03}@example.com" for i in range(30)]
    assert {m["Subject"] for m in inbox.messages} == {m["Subject"] for m in inbox.messages[:1]}
    assert "Ferry timetable changes" in inbox.messages[0].get_body(("plain",)).get_content()
    state = report(env)
    assert [(s["kind"], s["status"]) for s in state["sends"]] == [("digest", "done")]
    assert state["deliveries"] == {"sent": 30}
