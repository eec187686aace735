"""The pre-publish check: what is missing or risky when an editor presses Publish or Schedule.

The checks (checks.py) are registered into articles' PUBLISH_CHECKS from ready(); editors
choose per check whether it blocks or warns (PublishCheckSettings, one row in the admin).
Links in a body are checked in the background (tasks.py) and shown once known.
"""
