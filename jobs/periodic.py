"""Work that falls due by the clock (the daily digest at 07:00), with no cron.

An app registers a check when it loads; every running `manage.py jobs_worker` calls each
check when it starts and on every heartbeat (JOBS_HEARTBEAT_SECONDS). A check decides for
itself whether its work is due and starts it, and must be cheap (it runs every few
seconds) and idempotent (every worker calls it, so two may call it at the same moment: a
unique row per occurrence is the usual way). A check that raises is logged and asked
again on the next beat.
"""

import logging

logger = logging.getLogger(__name__)

_checks = {}


def register(name, check):
    """check() starts whatever is due now, and does nothing when it already was."""
    _checks[name] = check


def run_due():
    for name, check in list(_checks.items()):
        try:
            check()
        except Exception:
            logger.exception("Periodic check %s failed; it runs again on the next beat", name)
