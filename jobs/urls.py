"""The jobs app's addresses. Route strings are translated (msgctxt "url"): Swedish paths on
the Swedish site (/jobb/...), English under /en/. Old addresses redirect (config/old_urls.py).
"""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views
from .feeds import NewAdsFeed
from .sitemaps import SITEMAPS, URLSET

app_name = "jobs"

urlpatterns = [
    path("", views.home, name="home"),
    path(pgettext_lazy("url", "jobs/"), views.search, name="search"),
    path(pgettext_lazy("url", "jobs/feed/"), NewAdsFeed(), name="feed"),
    path(pgettext_lazy("url", "jobs/feed/<slug:county_slug>/"), NewAdsFeed(), name="county_feed"),
    path(pgettext_lazy("url", "jobs/alerts/"), views.alert_list, name="alerts"),
    path(pgettext_lazy("url", "jobs/alerts/new/"), views.alert_create, name="alert_create"),
    path(
        pgettext_lazy("url", "jobs/alerts/<int:pk>/delete/"),
        views.alert_delete,
        name="alert_delete",
    ),
    path(
        pgettext_lazy("url", "jobs/alerts/confirm/<str:token>/"),
        views.alert_confirm,
        name="alert_confirm",
    ),
    path(
        pgettext_lazy("url", "jobs/alerts/unsubscribe/<str:token>/"),
        views.alert_unsubscribe,
        name="alert_unsubscribe",
    ),
    path(pgettext_lazy("url", "jobs/<int:pk>/"), views.detail, name="detail"),
    path(
        pgettext_lazy("url", "jobs/<int:pk>/contact/"), views.reveal_contact, name="reveal_contact"
    ),
    path(pgettext_lazy("url", "jobs/<int:pk>/apply/"), views.apply, name="apply"),
    path(
        pgettext_lazy("url", "jobs/<int:pk>/apply/external/"),
        views.apply_external,
        name="apply_external",
    ),
    path(pgettext_lazy("url", "jobs/<int:pk>/save/"), views.save_ad, name="save_ad"),
    path(pgettext_lazy("url", "jobs/<int:pk>/unsave/"), views.unsave_ad, name="unsave_ad"),
    # The employer's list of an ad's applications (/arbetsgivare/annonser/<pk>/ansokningar/
    # in Swedish); in English it keeps its old path, which the slug route below would take.
    path(
        pgettext_lazy("url", "jobs/<int:pk>/applications/"),
        views.ad_applications,
        name="ad_applications",
    ),
    # Last of the /jobs/<pk>/... routes: the slug would swallow "apply", "contact" ...
    path(pgettext_lazy("url", "jobs/<int:pk>/<slug:slug>/"), views.detail, name="detail_slug"),
    path(pgettext_lazy("url", "employer/applications/"), views.employer_inbox, name="inbox"),
    path(
        pgettext_lazy("url", "employer/applications/<int:pk>/"),
        views.application_detail,
        name="application",
    ),
    path(
        pgettext_lazy("url", "applications/<int:pk>/documents/<int:document_pk>/"),
        views.application_document,
        name="application_document",
    ),
    path(pgettext_lazy("url", "my-pages/saved-jobs/"), views.saved_list, name="saved_list"),
    path(
        pgettext_lazy("url", "my-pages/applications/"),
        views.my_applications,
        name="my_applications",
    ),
    path(
        pgettext_lazy("url", "my-pages/applications/<int:pk>/withdraw/"),
        views.withdraw_application,
        name="withdraw_application",
    ),
    path(
        pgettext_lazy("url", "my-pages/applications/<int:pk>/sent/"),
        views.apply_done,
        name="apply_done",
    ),
    # Technical addresses: the same in every language.
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "jobs:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS, "template_name": URLSET},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
]
