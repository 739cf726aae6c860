"""Structured logs: one JSON object a line, each with the request's id.

The id comes from the load balancer's `X-Request-ID` header when it sends one (so one
request can be followed across proxies and processes) or is made here, and is sent back in
the response. Log lines hold what the code logs, which by the house rule is counts and ids,
never names, e-mails or IP addresses; nothing of the request (path, query, headers) is added.
Django's own warnings quote the path ("Not Found: /path"), and the paths of e-mailed links
hold their token: those are written as "<token>" (`RedactPathsFilter`), as in gunicorn's
access log (config/access_log.py).
"""

import contextvars
import json
import logging
import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
# A proxy's id is taken only when it looks like one (no log injection through the header).
_ACCEPTED_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        current = given if _ACCEPTED_ID.match(given) else uuid.uuid4().hex
        token = request_id.set(current)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = current
        return response


PLACEHOLDER = "<token>"
_LONG_MIXED = re.compile(r"^(?=.*\d)(?=.*[a-z])[a-z0-9]{12,}$")


def _is_token(segment: str) -> bool:
    if ":" in segment or any(ch.isupper() for ch in segment) or len(segment) > 64:
        return True
    return any(_LONG_MIXED.match(part) for part in re.split(r"[-_.]", segment))


def redacted(path: str) -> str:
    """`path` with each segment that looks like a token replaced by PLACEHOLDER: one with a
    colon or a capital letter (signed values, base64), or a part of 12 characters or more
    that mixes letters and digits (keys, hashes). Ids, route words and slugs stay."""
    return "/".join(PLACEHOLDER if _is_token(segment) else segment for segment in path.split("/"))


def _redacted_words(text: str) -> str:
    """Each path in `text` (a word starting with "/") redacted, without its query string:
    the development server's request line, "GET /path?x=y HTTP/1.1"."""
    return " ".join(
        redacted(word.split("?", 1)[0]) + ("?…" if "?" in word else "")
        if word.startswith("/")
        else word
        for word in text.split(" ")
    )


class RedactPathsFilter(logging.Filter):
    """On the loggers whose messages quote a request's path (django.request's "Bad
    Request: /path", the CSRF warning, the development server's request line): the tokens
    in it are written as PLACEHOLDER before any handler sees the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                _redacted_words(arg) if isinstance(arg, str) and "/" in arg else arg
                for arg in record.args
            )
        return True


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.exc_info:
            # The exception's kind and where it happened, not its message (which may quote
            # input, a person's data among it).
            entry["exception"] = record.exc_info[0].__name__ if record.exc_info[0] else "-"
            entry["where"] = f"{record.pathname}:{record.lineno}"
        return json.dumps(entry, ensure_ascii=False)
