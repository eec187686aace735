"""Staff see failed jobs with their error in the admin, and run them again from there."""

import pytest
from django.urls import reverse
from django_tasks import TaskResultStatus

from tests import people
from tests.jobs import tasks

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:django_tasks_database_dbtaskresult_changelist")


@pytest.fixture
def failed_job(job_queue):
    tasks.open_section_slowly.enqueue("x", "/nonexistent/dir/started", "/nonexistent/hold")
    job_queue.run()
    return job_queue.jobs().get()


def test_an_editor_sees_a_failed_job_with_its_error(client, failed_job):
    client.force_login(people.editor())
    html = client.get(CHANGELIST, {"problem": "failed"}).content.decode()
    assert "open_section_slowly" in html
    assert "FileNotFoundError" in html

    detail = client.get(
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[failed_job.pk])
    )
    assert "No such file or directory" in detail.content.decode(), "the whole traceback"


def test_an_editor_retries_a_failed_job_and_it_runs_again(client, failed_job, job_queue, tmp_path):
    failed_job.args_kwargs = {
        "args": ["x", str(tmp_path / "started"), str(tmp_path / "hold")],
        "kwargs": {},
    }
    failed_job.save(update_fields=["args_kwargs"])  # what was broken is fixed meanwhile
    client.force_login(people.editor())

    response = client.post(
        CHANGELIST, {"action": "retry_jobs", "_selected_action": [failed_job.pk]}, follow=True
    )
    assert "1 job(s) queued to run again." in response.content.decode()
    job_queue.run()
    failed_job.refresh_from_db()
    assert failed_job.status == TaskResultStatus.SUCCESSFUL
    assert (tmp_path / "started").exists()


def test_a_writer_cannot_see_jobs(client, failed_job):
    client.force_login(people.writer())
    assert client.get(CHANGELIST).status_code == 403
