"""Atom feeds of new ads, overall and per county (they feed the site's regional Facebook
pages). Only public ads, and never the contact person."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from config.text import multi_line, single_line
from taxonomy import cache as taxonomy_cache

from .formatting import plain_description
from .search import Criteria, filtered

FEED_SIZE = 50


def _criteria(county) -> Criteria:
    return Criteria(county=county[2]) if county else Criteria()


class NewAdsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, county_slug=None):
        if county_slug is None:
            return None
        county = taxonomy_cache.get().county_by_slug(county_slug)
        if county is None:
            raise Http404
        return county

    def title(self, county):
        if county:
            return _("New jobs in %(region)s | %(site)s") % {
                "region": county[1],
                "site": settings.SITE_NAME,
            }
        return _("New jobs | %(site)s") % {"site": settings.SITE_NAME}

    def subtitle(self, county):
        return _("The newest open positions, updated continuously.")

    def link(self, county):
        params = _criteria(county).as_params()
        return reverse("jobs:search") + (f"?{urlencode(params)}" if params else "")

    def items(self, county):
        return (
            filtered(_criteria(county), now=timezone.now())
            .order_by("-published_at", "-id")
            .select_related("company", "municipality")
            .with_restrictions()[:FEED_SIZE]
        )

    # What employers typed is made plain when saved (config.text); an ad saved before that
    # is made plain here too, as XML cannot hold a control character (the feed answered 500).
    def item_title(self, ad):
        if ad.company_hidden:
            return single_line(f"{ad.title}, {ad.municipality.name}")
        return single_line(f"{ad.title}, {ad.company.name}, {ad.municipality.name}")

    def item_description(self, ad):
        return Truncator(plain_description(multi_line(ad.description))).words(60)

    def item_link(self, ad):
        return ad.get_absolute_url()

    def item_pubdate(self, ad):
        return ad.published_at

    def item_updateddate(self, ad):
        return ad.updated_at
