"""The site's addresses: Swedish paths on the Swedish site (no prefix), English ones under
/en/. Every user-facing route string is translated (msgctxt "url"); admin and the technical
paths (/healthz, /readyz, /i18n/setlang/, sitemap.xml, robots.txt) are the same in both.
Old addresses redirect to the new ones (config/old_urls.py). The table is in the README.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config import health, language
from config.admin import admin_urls
from config.caching import same_origin_post
from jobs.views import api as api_views

# Admin speaks Swedish with the site's own name.
admin.site.site_header = format_lazy(_("{site}: administration"), site=settings.SITE_NAME)
admin.site.site_title = format_lazy(_("{site} admin"), site=settings.SITE_NAME)
admin.site.index_title = _("Running the site")

urlpatterns: list[URLPattern | URLResolver] = [
    # The language switch is on cacheable pages: no CSRF token (config/caching.py).
    path("i18n/setlang/", same_origin_post(language.set_language), name="set_language"),
    # For load balancers and docker-compose (no language prefix, no redirect to HTTPS).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # The read-only API: one address in every language (`lang=en` for English labels).
    path("api/v1/ads/", api_views.ads, name="api_ads"),
    path("api/v1/ads/<int:pk>/", api_views.ad, name="api_ad"),
]

# Swedish is the default with no prefix; English lives under /en/.
urlpatterns += i18n_patterns(
    # First: the pages most asked for (home, search, ads) are found without trying the
    # fifty routes of the other apps, each a translated pattern (measured: a third of a kept
    # page's time). No other app's route begins with jobs' ("", "jobb/...", the sitemaps).
    path("", include("jobs.urls")),
    path("admin/", admin_urls()),
    path(pgettext_lazy("url", "accounts/"), include("allauth.urls")),
    # After allauth's own: reverse() takes the last route of a name, the translated one.
    path(pgettext_lazy("url", "accounts/"), include("config.account_urls")),
    path(pgettext_lazy("url", "cookies/"), include("visitors.urls")),  # accept/decline first
    path(pgettext_lazy("url", "cookies/"), include("cookie_consent.urls")),
    path("", include("accounts.urls")),
    path("", include("companies.urls")),
    path("", include("privacy.urls")),
    path("", include("rights.urls")),
    path("", include("newsletter.urls")),
    path("", include("support.urls")),
    prefix_default_language=False,
)

# The site's own 400 and 500 pages (404 and 403 are Django's views with our templates).
handler400 = "config.views.bad_request"
handler500 = "config.views.server_error"
