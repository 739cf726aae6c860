"""The contact form (/kontakt/, /en/contact/) and the report of an ad
(/kontakt/anmal-annons/<pk>/): translated routes (msgctxt "url")."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "support"
urlpatterns = [
    path(pgettext_lazy("url", "contact/"), views.contact, name="contact"),
    path(pgettext_lazy("url", "contact/sent/"), views.sent, name="sent"),
    path(pgettext_lazy("url", "contact/report-ad/<int:pk>/"), views.report_ad, name="report_ad"),
    path(
        pgettext_lazy("url", "contact/report-ad/<int:pk>/sent/"),
        views.report_sent,
        name="report_sent",
    ),
]
