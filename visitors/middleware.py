"""Cookie consent as the site reads it: asked again on a new wording, statistics after consent.

Request: a consent cookie given on another version of the wording (privacy.cookies.
notice_version) counts as no choice at all: it is hidden from the rest of the request, so
the banner asks again and nothing that needs consent is rendered. The random number that
links a choice to its proof is kept aside for the next choice.
Response: on an outdated choice, the cookies of the optional groups are deleted; for a
visitor who accepted statistics, an HTML page seen is recorded (visitors.services).
"""

import re
from collections.abc import Callable

from cookie_consent.cache import all_cookie_groups
from cookie_consent.util import get_cookie_value_from_request, parse_cookie_str
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from jobs.tracking import is_bot
from privacy import cookies

from . import services

VISITOR_ID = re.compile(r"[0-9a-f]{32}")
AD_PAGES = ("jobs:detail", "jobs:detail_slug")
NOT_COUNTED = ("/admin/", "/en/admin/", "/static/", "/kakor/", "/en/cookies/")


def consent_state(request: HttpRequest) -> dict[str, str]:
    return parse_cookie_str(request.COOKIES.get(settings.COOKIE_CONSENT_NAME, ""))


def valid_id(value: str) -> str:
    return value if VISITOR_ID.fullmatch(value or "") else ""


def page_name(request: HttpRequest) -> str:
    """The page as recorded: its path, unless the path carries something other than a
    number or a slug (an unsubscribe token, say): then the URL pattern, token left out."""
    match = request.resolver_match
    if match is None or all(
        isinstance(value, int) or key.endswith("slug") for key, value in match.kwargs.items()
    ):
        return request.path
    prefix = request.path[: len(request.path) - len(request.path_info)]
    return f"{prefix}/{match.route}"


class VisitorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        outdated = self._check_version(request)
        response = self.get_response(request)
        if outdated:
            self._delete_optional_cookies(request, response)
        elif self._counts(request, response):
            match = request.resolver_match
            ad_id = None
            if match and match.view_name in AD_PAGES:
                ad_id = int(match.kwargs["pk"])
            services.record_page_view(
                visitor_id=valid_id(request.COOKIES.get(cookies.VISITOR_COOKIE, "")),
                path=page_name(request),
                ad_id=ad_id,
                now=timezone.now(),
            )
        return response

    @staticmethod
    def _check_version(request: HttpRequest) -> bool:
        state = consent_state(request)
        request.consent_visitor_id = valid_id(state.get("id", ""))  # type: ignore[attr-defined]
        if not state or state.get("v") == cookies.notice_version():
            return False
        request.COOKIES = {
            k: v for k, v in request.COOKIES.items() if k != settings.COOKIE_CONSENT_NAME
        }
        return True

    @staticmethod
    def _delete_optional_cookies(request: HttpRequest, response: HttpResponse) -> None:
        for group in all_cookie_groups().values():
            if group.is_required:
                continue
            for cookie in group.cookie_set.all():
                if cookie.name in request.COOKIES and cookie.name not in response.cookies:
                    response.delete_cookie(cookie.name, cookie.path or "/", cookie.domain or None)

    @staticmethod
    def _counts(request: HttpRequest, response: HttpResponse) -> bool:
        return (
            request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith(NOT_COUNTED)
            and bool(valid_id(request.COOKIES.get(cookies.VISITOR_COOKIE, "")))
            and not is_bot(request.META.get("HTTP_USER_AGENT", ""))
            and get_cookie_value_from_request(request, cookies.STATISTICS) is True
        )
