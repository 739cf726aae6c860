"""Data-subject requests (/dina-rattigheter/, /en/rights/) and the signed-in person's own
report under their pages: translated routes (msgctxt "url")."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "rights"

urlpatterns = [
    path(pgettext_lazy("url", "rights/"), views.intake, name="intake"),
    path(pgettext_lazy("url", "rights/sent/"), views.sent, name="sent"),
    path(pgettext_lazy("url", "rights/verify/<int:pk>/<str:token>/"), views.verify, name="verify"),
    path(
        pgettext_lazy("url", "rights/download/<int:pk>/<str:token>/"),
        views.download,
        name="download",
    ),
    path(
        pgettext_lazy("url", "my-pages/data/request/"),
        views.file_from_my_data,
        name="file_signed_in",
    ),
    path(pgettext_lazy("url", "my-pages/data/report/"), views.own_report, name="own_report"),
    path(
        pgettext_lazy("url", "my-pages/data/report/<int:pk>/"),
        views.own_report_download,
        name="own_report_download",
    ),
]
