"""Company pages (/foretag/<slug>/, /en/companies/<slug>/) and the employer's pages
(/arbetsgivare/..., /en/employer/...): translated routes (msgctxt "url")."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import public, views

app_name = "companies"

urlpatterns = [
    path(pgettext_lazy("url", "pricing/"), views.pricing, name="pricing"),
    path(pgettext_lazy("url", "companies/<slug:slug>/"), public.company_page, name="page"),
    path(
        pgettext_lazy("url", "companies/logo/<int:pk>/<slug:version>.webp"),
        public.logo,
        name="logo",
    ),
    path(pgettext_lazy("url", "employer/"), views.dashboard_index, name="index"),
    path(pgettext_lazy("url", "employer/register/"), views.register, name="register"),
    path(pgettext_lazy("url", "employer/<int:pk>/"), views.dashboard, name="dashboard"),
    path(
        pgettext_lazy("url", "employer/<int:pk>/details/"),
        views.company_edit,
        name="company_edit",
    ),
    path(pgettext_lazy("url", "employer/<int:pk>/ads/new/"), views.ad_create, name="ad_create"),
    path(pgettext_lazy("url", "employer/<int:pk>/contacts/invite/"), views.invite, name="invite"),
    path(
        pgettext_lazy("url", "employer/<int:pk>/contacts/<int:membership_pk>/remove/"),
        views.remove_member,
        name="remove_member",
    ),
    path(
        pgettext_lazy(
            "url", "employer/<int:pk>/contacts/invitations/<int:invitation_pk>/withdraw/"
        ),
        views.withdraw_invitation,
        name="withdraw_invitation",
    ),
    path(pgettext_lazy("url", "employer/ads/<int:pk>/edit/"), views.ad_edit, name="ad_edit"),
    path(pgettext_lazy("url", "employer/ads/<int:pk>/delete/"), views.ad_delete, name="ad_delete"),
    path(
        pgettext_lazy("url", "employer/ads/<int:pk>/preview/"), views.ad_preview, name="ad_preview"
    ),
    path(pgettext_lazy("url", "employer/ads/<int:pk>/order/"), views.ad_order, name="ad_order"),
    path(
        pgettext_lazy("url", "employer/ads/<int:pk>/withdraw/"),
        views.ad_withdraw,
        name="ad_withdraw",
    ),
    path(pgettext_lazy("url", "employer/ads/<int:pk>/filled/"), views.ad_fill, name="ad_fill"),
    path(
        pgettext_lazy("url", "employer/invoices/<int:pk>/pdf/"),
        views.invoice_pdf,
        name="invoice_pdf",
    ),
    path(
        pgettext_lazy("url", "employer/invitation/<str:token>/"),
        views.accept_invitation,
        name="accept_invitation",
    ),
]
