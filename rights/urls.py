from django.urls import path

from . import views

app_name = "rights"

urlpatterns = [
    path("rights/", views.intake, name="intake"),
    path("rights/sent/", views.sent, name="sent"),
    path("rights/verify/<int:pk>/<str:token>/", views.verify, name="verify"),
    path("rights/download/<int:pk>/<str:token>/", views.download, name="download"),
    path("me/data/request/", views.file_from_my_data, name="file_signed_in"),
    path("me/data/report/", views.own_report, name="own_report"),
    path("me/data/report/<int:pk>/", views.own_report_download, name="own_report_download"),
]
