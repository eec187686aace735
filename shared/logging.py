"""Logs: one line per request, every line tagged with its request id, JSON when asked.

The request middleware puts the request's id, method and path in a context variable; a
filter copies them onto every record logged while the request runs, so an error's lines
carry the same id as the request's own line. Formatters write only known fields: a
record's other attributes (Django attaches the whole request) are never serialised, so
cookies, headers and POST data cannot reach the log.
"""

import json
import logging
import re
from contextvars import ContextVar
from datetime import UTC, datetime

# The request being served (set by newsroom.middleware.RequestLogMiddleware).
request_context = ContextVar("request_context", default=None)

# Fields a record may carry into the output, from the context or from `extra=`.
FIELDS = (
    "request_id",
    "method",
    "path",
    "status",
    "duration_ms",
    "user_id",
    "client_ip",
    "sampled",
)

# A password-reset link holds a one-time token in its path: keep the user id, drop the token.
SECRET_IN_PATH = re.compile(r"(/reset/[^/]+/)(?!set-password/)[^/]+")


def loggable_path(path):
    """The path without secrets; the query string is never logged (tokens, e-mail, search)."""
    return SECRET_IN_PATH.sub(r"\1[redacted]", path)[:500]


def context_of(request):
    """The request's id, method and path for its records: worked out when something is
    first logged during the request, not for every request."""
    found = getattr(request, "_log_context", None)
    if found is None:
        found = request._log_context = {
            "request_id": request.request_id,
            "method": request.method,
            "path": loggable_path(request.path),
        }
    return found


class RequestContextFilter(logging.Filter):
    def filter(self, record):
        request = request_context.get()
        if request is None:
            # Django logs a 5xx after the middleware has finished, with the request attached.
            request = getattr(record, "request", None)
        if hasattr(request, "request_id"):
            for name, value in context_of(request).items():
                if not hasattr(record, name):
                    setattr(record, name, value)
        if not hasattr(record, "request_id"):
            record.request_id = "-"
        return True


class TextFormatter(logging.Formatter):
    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")


class JSONFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def logging_config(*, json_format, level):
    formatter = "json" if json_format else "text"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": "shared.logging.RequestContextFilter"}},
        "formatters": {
            "text": {"()": "shared.logging.TextFormatter"},
            "json": {"()": "shared.logging.JSONFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": formatter,
                "filters": ["request_context"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Our request line reports every status; Django's own 4xx warnings repeat it.
            "django.request": {"level": "ERROR"},
            # Axes logs every attempt at INFO, with the username; the request line suffices.
            "axes": {"level": "WARNING"},
            # Scanners send bad Host headers all day; the request line already shows the 400.
            "django.security.DisallowedHost": {"level": "CRITICAL"},
        },
    }
