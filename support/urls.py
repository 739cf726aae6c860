"""The contact form (/kontakt/, /en/contact/): translated routes (msgctxt "url")."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "support"
urlpatterns = [
    path(pgettext_lazy("url", "contact/"), views.contact, name="contact"),
    path(pgettext_lazy("url", "contact/sent/"), views.sent, name="sent"),
]
