from django.urls import path

from . import public, views

app_name = "companies"

urlpatterns = [
    path("priser/", views.pricing, name="pricing"),
    path("arbetsgivare/<slug:slug>/", public.company_page, name="page"),
    path("arbetsgivare/logo/<int:pk>/<slug:version>.webp", public.logo, name="logo"),
    path("foretag/", views.dashboard_index, name="index"),
    path("foretag/registrera/", views.register, name="register"),
    path("foretag/<int:pk>/", views.dashboard, name="dashboard"),
    path("foretag/<int:pk>/uppgifter/", views.company_edit, name="company_edit"),
    path("foretag/<int:pk>/annonser/ny/", views.ad_create, name="ad_create"),
    path("foretag/<int:pk>/kontaktpersoner/bjud-in/", views.invite, name="invite"),
    path(
        "foretag/<int:pk>/kontaktpersoner/<int:membership_pk>/ta-bort/",
        views.remove_member,
        name="remove_member",
    ),
    path("foretag/annonser/<int:pk>/andra/", views.ad_edit, name="ad_edit"),
    path("foretag/annonser/<int:pk>/forhandsvisning/", views.ad_preview, name="ad_preview"),
    path("foretag/annonser/<int:pk>/bestall/", views.ad_order, name="ad_order"),
    path("foretag/annonser/<int:pk>/avsluta/", views.ad_withdraw, name="ad_withdraw"),
    path("foretag/annonser/<int:pk>/tillsatt/", views.ad_fill, name="ad_fill"),
    path("foretag/fakturor/<int:pk>/pdf/", views.invoice_pdf, name="invoice_pdf"),
    path("foretag/inbjudan/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
