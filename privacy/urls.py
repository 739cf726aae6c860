from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.notice, name="notice"),
    path(
        "privacy/record-of-processing.csv",
        views.processing_record_csv,
        name="processing_record_csv",
    ),
    path(
        "privacy/record-of-processing.pdf",
        views.processing_record_pdf,
        name="processing_record_pdf",
    ),
]
