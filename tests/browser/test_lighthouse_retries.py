"""Lighthouse runs the tool broke are retried four times, saying so; low scores never are."""

import json

import pytest

from tests.browser.lighthouse_runs import (
    LighthouseErrored,
    LighthouseRetried,
    read_report,
    with_retries,
)

NO_NAVSTART = {
    "code": "NO_NAVSTART",
    "message": "Something went wrong with recording the trace over your page load. "
    "Please run Lighthouse again. (NO_NAVSTART)",
}


def report(tmp_path, *, runtime_error=None, performance=1.0):
    categories = {"performance": performance, "accessibility": 1.0, "seo": 1.0}
    data = {
        "categories": {key: {"score": score} for key, score in categories.items()},
        "audits": {"document-title": {"title": "Has a title", "scoreDisplayMode": "binary"}},
    }
    if runtime_error:
        data["runtimeError"] = runtime_error
        data["categories"] = {key: {"score": None} for key in categories}
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data))
    return path


def runs(*outcomes):
    """A run that gives each outcome in turn: a result, or an error it raises."""
    remaining = list(outcomes)

    def run():
        outcome = remaining.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    return run


def test_a_trace_recording_error_is_an_errored_run_not_a_score(tmp_path):
    with pytest.raises(LighthouseErrored, match="NO_NAVSTART"):
        read_report(report(tmp_path, runtime_error=NO_NAVSTART), returncode=1)


def test_a_run_that_left_no_report_is_an_errored_run(tmp_path):
    with pytest.raises(LighthouseErrored, match="exit 1, no report: Chrome crashed"):
        read_report(tmp_path / "missing.json", returncode=1, stderr="Chrome crashed")


def test_a_low_score_is_a_result_that_is_never_retried(tmp_path):
    low = read_report(report(tmp_path, performance=0.4))
    assert low[0]["performance"] == 0.4
    run = runs(low, AssertionError("a second run must not happen"))
    assert with_retries(run, what="home") == low


def test_an_errored_run_is_retried_and_the_retry_is_reported():
    good = ({"performance": 1.0}, [])
    with pytest.warns(LighthouseRetried, match=r"errored on home .*NO_NAVSTART.*retry 1 of 4"):
        assert with_retries(runs(LighthouseErrored("NO_NAVSTART"), good), what="home") == good


def test_five_errored_runs_in_a_row_fail_with_the_last_error():
    errors = [LighthouseErrored(f"NO_NAVSTART #{n}") for n in (1, 2, 3, 4, 5)]
    with pytest.warns(LighthouseRetried), pytest.raises(LighthouseErrored) as failure:
        with_retries(runs(*errors), what="article")
    assert str(failure.value) == "article: NO_NAVSTART #5 (the run and 4 retries errored)"
