"""django-cookie-consent's accept and decline, plus the proof of the choice.

The library's views set the consent cookie; these add the version of the wording and the
visitor's random number to it, write the proof row, and set or leave the statistics cookie.
Declining a group deletes its cookies (the library does: the Pixel's _fbp, our `visitor`).
A choice the library cannot read (a cookie group that does not exist: a tampered or stale
form) and a plain visit of these addresses lead a person to the cookie page, not to the
library's bare error list or an empty 405.
"""

import uuid

from cookie_consent.conf import settings as consent_settings
from cookie_consent.forms import ProcessCookiesForm
from cookie_consent.util import parse_cookie_str, set_cookie_dict_to_response
from cookie_consent.views import CookieGroupAcceptView, CookieGroupDeclineView, is_ajax_like
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

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


def _cookie_page() -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("cookie_consent_cookie_group_list"))


def _unreadable(request: HttpRequest) -> HttpResponseBase | None:
    """The cookie page with a message when a person's choice names no cookie group we have
    (a fetch from a script keeps the library's JSON answer)."""
    if is_ajax_like(request) or ProcessCookiesForm(data=request.POST).is_valid():
        return None
    messages.error(request, _("We did not understand your choice: please choose again below."))
    return _cookie_page()


class _ChoiceView:
    def get(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        return _cookie_page()


# The cookie bar is on cacheable pages: no CSRF token, the Origin is checked (config/caching.py).
@method_decorator(same_origin_post, name="dispatch")
class AcceptView(_ChoiceView, CookieGroupAcceptView):
    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        if refused := _unreadable(request):
            return refused
        response = super().post(request, *args, **kwargs)
        _finish(request, response, "accept")
        return response


@method_decorator(same_origin_post, name="dispatch")
class DeclineView(_ChoiceView, CookieGroupDeclineView):
    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        if refused := _unreadable(request):
            return refused
        response = super().post(request, *args, **kwargs)
        _finish(request, response, "decline")
        return response
