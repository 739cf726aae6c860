"""sitemap.xml: the home page, the search page, every public ad (closed ads leave it) and
every public company page (hidden and ended companies leave it).

Django's views serve them (the index, the sections, their pages and 404s, Last-Modified),
but a section's XML is written in Python (`URLSET`) rather than by Django's template, and
the ads' section reads its ads as (id, title, updated_at) rows and reverses their route
once: a section of 10 000 ads took 1.6 to 3.3 s on this machine, mostly the template's loop
(a dozen lookups and a date filter per address) and one `reverse` per ad.
"""

import datetime
from html import escape

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from .models import Ad


def _day(value: datetime.date) -> str:
    """As Django's template writes a lastmod (`date:"Y-m-d"`): an aware moment on the
    day it is in the current time zone."""
    if isinstance(value, datetime.datetime):
        value = (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return value.isoformat()


class UrlsetXml:
    """Django's sitemap.xml template (django/contrib/sitemaps/templates/sitemap.xml) as a
    function of the view's `urlset`: the same elements, escaped the same way, one line
    each. The view accepts it as its template (anything with `render(context, request)`)."""

    HEAD = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    )

    def render(self, context=None, request=None) -> str:
        return "".join([self.HEAD, *map(self._url, (context or {})["urlset"]), "</urlset>\n"])

    @staticmethod
    def _url(url: dict) -> str:
        parts = ["<url><loc>", escape(url["location"]), "</loc>"]
        if url.get("lastmod"):
            parts += ["<lastmod>", _day(url["lastmod"]), "</lastmod>"]
        if url.get("changefreq"):
            parts += ["<changefreq>", escape(str(url["changefreq"])), "</changefreq>"]
        if url.get("priority"):
            parts += ["<priority>", escape(str(url["priority"])), "</priority>"]
        for alternate in url.get("alternates") or ():
            parts.append(
                f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}" '
                f'href="{escape(alternate["location"])}"/>'
            )
        parts.append("</url>\n")
        return "".join(parts)


URLSET = UrlsetXml()


class StaticSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return ["jobs:home", "jobs:search"]

    def location(self, item):
        return reverse(item)


class AdSitemap(Sitemap):
    """Each public ad as an (id, title, updated_at) row, addressed as its page is
    (`Ad.get_absolute_url`: the route with the slug of the title)."""

    changefreq = "daily"
    limit = 10_000

    def items(self):
        return (
            Ad.objects.public(timezone.now())
            .order_by("-published_at", "-id")
            .values_list("id", "title", "updated_at")
        )

    def get_urls(self, *args, **kwargs):
        # The route reversed once a section, in the language and script prefix of the
        # request.
        self._address = Ad.addresses()
        return super().get_urls(*args, **kwargs)

    def location(self, row):
        pk, title, _updated = row
        return self._address(pk, title)

    def lastmod(self, row):
        return row[2]

    def get_latest_lastmod(self):
        """For the index: asked of the database. Django's default builds every public ad
        to take the latest of their `lastmod` (1.1 s at 100 000 live ads)."""
        return self.items().order_by("-updated_at").values_list("updated_at", flat=True).first()


class CompanySitemap(Sitemap):
    changefreq = "daily"
    limit = 10_000

    def items(self):
        # By name: the jobs app does not import the companies app (it imports jobs).
        company = apps.get_model("companies", "Company")
        return (
            company.objects.with_public_page(timezone.localdate()).order_by("pk").only("id", "slug")
        )


SITEMAPS = {"pages": StaticSitemap, "ads": AdSitemap, "companies": CompanySitemap}
