import datetime as dt
import re
from xml.etree import ElementTree

import pytest
from django.contrib.sites.requests import RequestSite
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobs.models import Ad
from jobs.sitemaps import AdSitemap
from taxonomy.models import County
from tests.factories import AdFactory, ClosedAdFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
CONTACT = ("Karin Lind", "karin.lind@foretaget.se", "070-123 45 67")


def test_the_feed_lists_active_ads_without_contact_data(client, taxonomy):
    active = AdFactory(title="Aktiv annons")
    closed = ClosedAdFactory(title="Stängd annons")

    response = client.get(reverse("jobs:feed"))
    xml = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert active.get_absolute_url() in xml
    assert closed.get_absolute_url() not in xml and "Stängd annons" not in xml
    assert not any(value in xml for value in CONTACT)


def test_the_county_feed_holds_only_that_county(client, taxonomy):
    here = AdFactory()
    county = here.municipality.county
    elsewhere = AdFactory(
        municipality=County.objects.exclude(pk=county.pk)
        .filter(municipalities__isnull=False)
        .first()
        .municipalities.first()
    )

    xml = client.get(reverse("jobs:county_feed", args=[county.slug])).content.decode()

    assert here.get_absolute_url() in xml
    assert elsewhere.get_absolute_url() not in xml
    assert client.get(reverse("jobs:county_feed", args=["atlantis"])).status_code == 404


def test_the_sitemap_lists_active_ads_only(client, taxonomy):
    active = AdFactory()
    closed = ClosedAdFactory()

    index = client.get("/sitemap.xml")
    ads = client.get("/sitemap-ads.xml")
    xml = ads.content.decode()

    assert index.status_code == ads.status_code == 200
    assert "sitemap-ads.xml" in index.content.decode()
    assert active.get_absolute_url() in xml
    assert f"/jobb/{closed.pk}/" not in xml
    assert not any(value in xml for value in CONTACT)


def test_the_sitemap_index_dates_the_ads_by_the_latest_public_one_without_reading_each(
    client, taxonomy, stopped_utc
):
    """Django's default reads every public ad to date the index (1.1 s at 100 000)."""
    older = AdFactory.create_batch(3)
    newest = AdFactory()
    ClosedAdFactory()  # written last, but ended: not in the sitemap
    Ad.objects.filter(pk__in=[ad.pk for ad in older]).update(
        updated_at=stopped_utc - dt.timedelta(days=1)
    )
    Ad.objects.filter(pk=newest.pk).update(updated_at=stopped_utc - dt.timedelta(minutes=5))

    with CaptureQueriesContext(connection) as captured:
        index = client.get("/sitemap.xml").content.decode()

    ads_entry = index.split("sitemap-ads.xml")[1].split("</sitemap>")[0]
    dated = dt.datetime.fromisoformat(ads_entry.split("<lastmod>")[1].split("</lastmod>")[0])
    assert dated == stopped_utc - dt.timedelta(minutes=5)  # the instant, in any offset
    reads = [q["sql"] for q in captured.captured_queries if 'FROM "jobs_ad"' in q["sql"]]
    assert reads and all("LIMIT" in sql or "COUNT(" in sql for sql in reads), reads


def _urls(xml: bytes) -> list[tuple[str | None, ...]]:
    """Each <url> of a sitemap as (loc, lastmod, changefreq, priority), whitespace aside."""
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    return [
        tuple(
            (url.findtext(f"{ns}{name}") or "").strip() or None
            for name in ("loc", "lastmod", "changefreq", "priority")
        )
        # The site's own XML, not untrusted input.
        for url in ElementTree.fromstring(xml).iter(f"{ns}url")  # noqa: S314
    ]


def test_the_ads_sitemap_is_what_djangos_template_writes_without_the_template(client, taxonomy):
    """A section of 10 000 ads took 1.6 to 3.3 s, mostly Django's sitemap template looping
    and one `reverse` per ad; it is now written in Python from rows (jobs/sitemaps.py). The
    same addresses (a title that is a route's word included), escaped, and the same days:
    an ad written at 23:30 UTC on 30 June was written on 1 July in Stockholm."""
    ads = [AdFactory(title="Apply"), AdFactory(title="Lärare i matte & fysik <åk 7-9>")]
    Ad.objects.filter(pk=ads[0].pk).update(
        updated_at=dt.datetime(2026, 6, 30, 22, 30, tzinfo=dt.UTC)
    )
    ClosedAdFactory()

    response = client.get("/sitemap-ads.xml")

    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    assert not response.templates  # written without the template engine
    sitemap = AdSitemap()
    urls = sitemap.get_urls(site=RequestSite(response.wsgi_request), protocol="http")
    by_django = render_to_string("sitemap.xml", {"urlset": urls}).encode()
    assert _urls(response.content) == _urls(by_django)
    expected = {f"http://testserver{Ad.objects.get(pk=ad.pk).get_absolute_url()}" for ad in ads}
    assert {loc for loc, *_rest in _urls(response.content)} == expected
    assert any(loc.endswith("/apply-jobb/") for loc, *_rest in _urls(response.content))
    assert ("2026-07-01", "daily") in {
        (day, freq) for _loc, day, freq, _p in _urls(response.content)
    }
    assert client.get("/sitemap-ads.xml", {"p": 2}).status_code == 404  # past the last page


def test_robots_txt_points_at_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()

    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /mina-sidor/" in text


@pytest.mark.parametrize("path", ["/en/", "/en/jobs/", "/en/jobs/feed/"])
def test_the_english_pages_answer(client, taxonomy, path):
    ad = AdFactory()

    response = client.get(path)

    assert response.status_code == 200
    if path != "/en/jobs/feed/":
        assert "Find jobs" in response.content.decode()
    assert client.get(f"/en/jobs/{ad.pk}/").status_code == 200


def test_the_county_feed_links_to_the_search_in_that_county(client, taxonomy):
    county = AdFactory().municipality.county

    xml = client.get(reverse("jobs:county_feed", args=[county.slug])).content.decode()

    assert f'{reverse("jobs:search")}?county={county.slug}"' in xml


MARKDOWN = "Vi söker en **erfaren** snickare.\n\n- Montera kök\n- Kundkontakt"


def test_the_feed_and_the_structured_data_read_the_descriptions_markdown(client, taxonomy):
    """Search engines and feed readers get the description as text or as the ad page's
    HTML, never its Markdown ("**", list dashes)."""
    import json
    import re

    ad = AdFactory(title="Snickare", description=MARKDOWN)
    feed = client.get(reverse("jobs:feed")).content.decode()
    assert "Vi söker en erfaren snickare. Montera kök Kundkontakt" in feed
    assert "**" not in feed

    page = client.get(ad.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    description = json.loads(block)["description"]
    assert "<strong>erfaren</strong>" in description
    assert "<li>Montera kök</li>" in description and "**" not in description


def test_the_feeds_answer_with_valid_xml_when_an_ad_holds_a_control_character(
    client, taxonomy, stopped_now
):
    """An ad saved before its form made titles plain: the feeds leave the characters out
    (NUL too, on SQLite; PostgreSQL never stores one)."""
    nul = "" if connection.vendor == "postgresql" else "\x00"
    ad = AdFactory(
        title="Rad1\r\nBcc: evil@example.se\x07\u202eTXET", description=f"Text{nul}\x01 med\x1b fel"
    )
    county = ad.municipality.county

    for url in (
        reverse("jobs:feed"),
        reverse("jobs:county_feed", args=[county.slug]),
        "/en/jobs/feed/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        feed = ElementTree.fromstring(response.content)  # noqa: S314 (our own feed)
        entry = feed.find(f"{ATOM}entry")
        assert entry.find(f"{ATOM}title").text.startswith("Rad1 Bcc: evil@example.seTXET, ")
        assert "Text med fel" in entry.find(f"{ATOM}summary").text


@pytest.mark.parametrize(
    ("path", "label", "region_name"),
    [
        (
            "/",
            "RSS-flöde med alla nya jobb \N{EN DASH} för din flödesläsare",
            "flöde med nya jobb i",
        ),
        (
            "/en/",
            "RSS feed of all new jobs \N{EN DASH} for your feed reader",
            "feed of new jobs in",
        ),
    ],
)
def test_the_feed_links_say_they_are_for_a_feed_reader(client, taxonomy, path, label, region_name):
    """A person who clicked "Feed" saw the feed's code: the links say what a feed is for,
    and browsers and readers are told the link's type."""
    AdFactory()
    page = client.get(path).content.decode()

    link = re.search(r'<a href="([^"]+)" type="application/atom\+xml">([^<]+)</a>', page)
    assert link and link.group(2) == label
    assert "flödesläsare" in page or "feed reader app" in page
    county_links = re.findall(
        r'<a class="feed-link" href="[^"]+" type="application/atom\+xml">RSS'
        r'<span class="visually-hidden">: ([^<]+)</span></a>',
        page,
    )
    assert county_links and all(region_name in name for name in county_links)

    feed = client.get(link.group(1))
    assert feed["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(feed.content)  # noqa: S314 (our own feed: still valid)
    assert len(root.findall(f"{ATOM}entry")) == 1
