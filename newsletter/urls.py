"""The newsletter's addresses (/nyhetsbrev/, /en/newsletter/): translated routes (msgctxt
"url"). The open and click trackers keep their one-letter names in every language."""

from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "newsletter"

urlpatterns: list[URLPattern] = [
    path(pgettext_lazy("url", "newsletter/"), views.signup, name="signup"),
    path(pgettext_lazy("url", "newsletter/me/"), views.subscribe_me, name="subscribe_me"),
    path(
        pgettext_lazy("url", "newsletter/me/unsubscribe/"),
        views.unsubscribe_me,
        name="unsubscribe_me",
    ),
    path(
        pgettext_lazy("url", "newsletter/check-your-inbox/"),
        views.check_inbox,
        name="check_inbox",
    ),
    path(pgettext_lazy("url", "newsletter/confirm/<str:token>/"), views.confirm, name="confirm"),
    path(
        pgettext_lazy("url", "newsletter/unsubscribe/<str:token>/"),
        views.unsubscribe,
        name="unsubscribe",
    ),
    path(pgettext_lazy("url", "newsletter/o/<str:token>/"), views.track_open, name="open"),
    path(pgettext_lazy("url", "newsletter/c/<str:token>/"), views.track_click, name="click"),
]
