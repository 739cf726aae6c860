"""Request-level rules of the accounts app.

- LastSeenMiddleware: the activity clock of `seeker.inactive_account` (User.last_seen_on),
  written at most once a day per session: the day already recorded is kept in the session,
  so a normal request costs no query at all.
- StaffTwoFactorMiddleware: staff must have an authenticator app (TOTP) before they can use
  admin, and sign in through allauth (which asks for the code), not admin's own login form.
- TooManyFilesMiddleware: a request with more file parts than DATA_UPLOAD_MAX_NUMBER_FILES
  (or a broken multipart body) gets a clear 400 page instead of Django's bare one or a 500.
"""

from django.contrib import messages
from django.core.exceptions import TooManyFilesSent
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from privacy.staff import has_second_factor

from . import services

SESSION_KEY = "accounts.last_seen_on"


class LastSeenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            today = timezone.localdate()
            if request.session.get(SESSION_KEY) != today.isoformat():
                services.record_activity(user=user, today=today)
                request.session[SESSION_KEY] = today.isoformat()
        return self.get_response(request)


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.app_name != "admin":
            return None
        if match.url_name == "login":
            # Admin's own login form would skip the second factor: use allauth's.
            target = request.GET.get("next") or reverse("admin:index")
            return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")
        user = request.user
        if user.is_authenticated and user.is_staff and not has_second_factor(user):
            messages.warning(
                request,
                _(
                    "Staff must turn on two-factor authentication with an "
                    "authenticator app before using admin."
                ),
            )
            return redirect("mfa_activate_totp")
        return None


class TooManyFilesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == "multipart/form-data":
            try:
                request.FILES  # noqa: B018 (parse now, before anyone else does)
            except TooManyFilesSent:
                return render(
                    request, "accounts/upload_refused.html", {"too_many_files": True}, status=400
                )
            except MultiPartParserError:
                return render(request, "accounts/upload_refused.html", status=400)
        return self.get_response(request)
