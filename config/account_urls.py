"""Swedish addresses for allauth's pages (/konto/logga-in/ ...), without forking allauth.

allauth's own routes are English words and cannot be translated, so the pages people see
or get links to by e-mail are routed again here under translated routes (msgctxt "url"), to
allauth's own views and under allauth's own names. config/urls.py includes this list after
allauth.urls under the same prefix: Django's reverse() picks the last pattern of a name, so
every link allauth and our templates make is the translated one. In English the routes are
allauth's own. Pages not listed here (two-factor settings, rarely seen) keep allauth's paths.
"""

from allauth.account import views
from django.urls import URLPattern, path, re_path
from django.utils.translation import pgettext_lazy

urlpatterns: list[URLPattern] = [
    path(pgettext_lazy("url", "login/"), views.login, name="account_login"),
    path(pgettext_lazy("url", "logout/"), views.logout, name="account_logout"),
    path(pgettext_lazy("url", "signup/"), views.signup, name="account_signup"),
    path(pgettext_lazy("url", "email/"), views.email, name="account_email"),
    path(
        pgettext_lazy("url", "confirm-email/"),
        views.email_verification_sent,
        name="account_email_verification_sent",
    ),
    path(
        pgettext_lazy("url", "confirm-email/<str:key>/"),
        views.confirm_email,
        name="account_confirm_email",
    ),
    path(
        pgettext_lazy("url", "password/change/"),
        views.password_change,
        name="account_change_password",
    ),
    path(pgettext_lazy("url", "password/set/"), views.password_set, name="account_set_password"),
    path(
        pgettext_lazy("url", "password/reset/"),
        views.password_reset,
        name="account_reset_password",
    ),
    path(
        pgettext_lazy("url", "password/reset/done/"),
        views.password_reset_done,
        name="account_reset_password_done",
    ),
    path(
        pgettext_lazy("url", "password/reset/key/done/"),
        views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    re_path(
        pgettext_lazy("url", r"^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$"),
        views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
]
