from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("me/", views.overview, name="overview"),
    path("me/profile/", views.profile, name="profile"),
    path("me/documents/", views.documents, name="documents"),
    path("me/documents/<int:pk>/", views.document_edit, name="document_edit"),
    path("me/documents/<int:pk>/delete/", views.document_delete, name="document_delete"),
    path("documents/<int:pk>/download/", views.document_download, name="document_download"),
    path("me/data/", views.my_data, name="my_data"),
    path("me/data/export/", views.my_data_export, name="my_data_export"),
    path("me/delete/", views.delete_account, name="delete_account"),
    path("keep-account/<str:token>/", views.keep_account, name="keep_account"),
]
