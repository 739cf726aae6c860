from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("", views.home, name="home"),
    path("jobs/", views.search, name="search"),
    path("jobs/<int:pk>/", views.detail, name="detail"),
]
