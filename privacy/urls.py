"""The privacy notice (/integritet/, /en/privacy/): translated routes (msgctxt "url")."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "privacy"

urlpatterns = [
    path(pgettext_lazy("url", "privacy/"), views.notice, name="notice"),
    path(
        pgettext_lazy("url", "privacy/record-of-processing.csv"),
        views.processing_record_csv,
        name="processing_record_csv",
    ),
    path(
        pgettext_lazy("url", "privacy/record-of-processing.pdf"),
        views.processing_record_pdf,
        name="processing_record_pdf",
    ),
]
