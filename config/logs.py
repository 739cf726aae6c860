"""Structured logs: one JSON object a line, each with the request's id.

The id comes from the load balancer's `X-Request-ID` header when it sends one (so one
request can be followed across proxies and processes) or is made here, and is sent back in
the response. Log lines hold what the code logs, which by the house rule is counts and ids,
never names, e-mails or IP addresses; nothing of the request (path, query, headers) is added.
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
