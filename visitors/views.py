"""django-cookie-consent's accept and decline, plus the proof of the choice.

The library's views set the consent cookie; these add the version of the wording and the
visitor's random number to it, write the proof row, and set or leave the statistics cookie.
Declining a group deletes its cookies (the library does: the Pixel's _fbp, our `visitor`).
"""

import uuid

from cookie_consent.conf import settings as consent_settings
from cookie_consent.forms import ProcessCookiesForm
from cookie_consent.util import parse_cookie_str, set_cookie_dict_to_response
from cookie_consent.views import CookieGroupAcceptView, CookieGroupDeclineView
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone
from django.utils.decorators import method_decorator

from config.caching import same_origin_post
from privacy import cookies

from . import services
from .middleware import valid_id


def _finish(request: HttpRequest, response: HttpResponseBase, action: str) -> None:
    morsel = response.cookies.get(settings.COOKIE_CONSENT_NAME)
    form = ProcessCookiesForm(data=request.POST)
    if morsel is None or not form.is_valid():
        return  # nothing was chosen
    state = parse_cookie_str(morsel.value)
    visitor_id = getattr(request, "consent_visitor_id", "") or uuid.uuid4().hex
    state.update(v=cookies.notice_version(), id=visitor_id)
    set_cookie_dict_to_response(response, state)
    groups = {group.varname for group in form.get_cookie_groups()}
    decline: str = consent_settings.COOKIE_CONSENT_DECLINE  # type: ignore[misc]  # an AppConf default
    optional = {"v", "id"}
    services.record_choice(
        visitor_id=visitor_id,
        action=action,
        groups=groups,
        accepted=[k for k, v in state.items() if k not in optional and v != decline],
        declined=[k for k, v in state.items() if k not in optional and v == decline],
        wording=cookies.notice_text(),
        now=timezone.now(),
    )
    has_id = valid_id(request.COOKIES.get(cookies.VISITOR_COOKIE, ""))
    if action == "accept" and cookies.STATISTICS in groups and not has_id:
        response.set_cookie(
            cookies.VISITOR_COOKIE,
            uuid.uuid4().hex,
            max_age=cookies.VISITOR_COOKIE_AGE,
            secure=request.is_secure() or consent_settings.COOKIE_CONSENT_SECURE,
            httponly=True,
            samesite="Lax",
        )


# The cookie bar is on cacheable pages: no CSRF token, the Origin is checked (config/caching.py).
@method_decorator(same_origin_post, name="dispatch")
class AcceptView(CookieGroupAcceptView):
    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        response = super().post(request, *args, **kwargs)
        _finish(request, response, "accept")
        return response


@method_decorator(same_origin_post, name="dispatch")
class DeclineView(CookieGroupDeclineView):
    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        response = super().post(request, *args, **kwargs)
        _finish(request, response, "decline")
        return response
