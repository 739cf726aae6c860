"""The seeker's own pages (/mina-sidor/, /en/my-pages/): translated routes (msgctxt "url")."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "accounts"

urlpatterns = [
    path(pgettext_lazy("url", "my-pages/"), views.overview, name="overview"),
    path(pgettext_lazy("url", "my-pages/profile/"), views.profile, name="profile"),
    path(pgettext_lazy("url", "my-pages/documents/"), views.documents, name="documents"),
    path(
        pgettext_lazy("url", "my-pages/documents/<int:pk>/"),
        views.document_edit,
        name="document_edit",
    ),
    path(
        pgettext_lazy("url", "my-pages/documents/<int:pk>/delete/"),
        views.document_delete,
        name="document_delete",
    ),
    path(
        pgettext_lazy("url", "documents/<int:pk>/download/"),
        views.document_download,
        name="document_download",
    ),
    path(pgettext_lazy("url", "my-pages/data/"), views.my_data, name="my_data"),
    path(
        pgettext_lazy("url", "my-pages/data/export/"), views.my_data_export, name="my_data_export"
    ),
    path(
        pgettext_lazy("url", "my-pages/delete-account/"),
        views.delete_account,
        name="delete_account",
    ),
    path(
        pgettext_lazy("url", "keep-account/<str:token>/"), views.keep_account, name="keep_account"
    ),
]
