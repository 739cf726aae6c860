"""sitemap.xml: the home page, the search page and every public ad (closed ads leave it)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from .models import Ad


class StaticSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return ["jobs:home", "jobs:search"]

    def location(self, item):
        return reverse(item)


class AdSitemap(Sitemap):
    changefreq = "daily"
    limit = 10_000

    def items(self):
        return (
            Ad.objects.public(timezone.now())
            .order_by("-published_at", "-id")
            .only("id", "title", "updated_at")
        )

    def lastmod(self, ad):
        return ad.updated_at


SITEMAPS = {"pages": StaticSitemap, "ads": AdSitemap}
