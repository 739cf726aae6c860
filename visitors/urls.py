"""Included before django-cookie-consent's own URLs, under /cookies/: same paths and names."""

from django.urls import path

from . import views

urlpatterns = [
    path("accept/", views.AcceptView.as_view(), name="cookie_consent_accept"),
    path("decline/", views.DeclineView.as_view(), name="cookie_consent_decline"),
]
