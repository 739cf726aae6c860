from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import views
from .feeds import NewAdsFeed
from .sitemaps import SITEMAPS

app_name = "jobs"

urlpatterns = [
    path("", views.home, name="home"),
    path("jobs/", views.search, name="search"),
    path("jobs/feed/", NewAdsFeed(), name="feed"),
    path("jobs/feed/<slug:county_slug>/", NewAdsFeed(), name="county_feed"),
    path("jobs/alerts/", views.alert_list, name="alerts"),
    path("jobs/alerts/new/", views.alert_create, name="alert_create"),
    path("jobs/alerts/<int:pk>/delete/", views.alert_delete, name="alert_delete"),
    path("jobs/alerts/confirm/<str:token>/", views.alert_confirm, name="alert_confirm"),
    path("jobs/alerts/unsubscribe/<str:token>/", views.alert_unsubscribe, name="alert_unsubscribe"),
    path("jobs/<int:pk>/", views.detail, name="detail"),
    path("jobs/<int:pk>/contact/", views.reveal_contact, name="reveal_contact"),
    path("jobs/<int:pk>/apply/", views.apply, name="apply"),
    path("jobs/<int:pk>/apply/external/", views.apply_external, name="apply_external"),
    path("jobs/<int:pk>/save/", views.save_ad, name="save_ad"),
    path("jobs/<int:pk>/unsave/", views.unsave_ad, name="unsave_ad"),
    path("jobs/<int:pk>/applications/", views.ad_applications, name="ad_applications"),
    # Last of the /jobs/<pk>/... routes: the slug would swallow "apply", "contact" ...
    path("jobs/<int:pk>/<slug:slug>/", views.detail, name="detail_slug"),
    path("employer/applications/", views.employer_inbox, name="inbox"),
    path("employer/applications/<int:pk>/", views.application_detail, name="application"),
    path(
        "applications/<int:pk>/documents/<int:document_pk>/",
        views.application_document,
        name="application_document",
    ),
    path("me/saved-jobs/", views.saved_list, name="saved_list"),
    path("me/applications/", views.my_applications, name="my_applications"),
    path(
        "me/applications/<int:pk>/withdraw/",
        views.withdraw_application,
        name="withdraw_application",
    ),
    path("me/applications/<int:pk>/sent/", views.apply_done, name="apply_done"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "jobs:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
]
