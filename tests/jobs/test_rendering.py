"""What the public pages render once and reuse: templates (the cached loader) and the home
page's list of regions, which follows every count, name and language at once."""

import re

import pytest
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader
from django.urls import reverse
from django.utils import translation

from jobs.templatetags import jobs as tags
from taxonomy import cache as taxonomy_cache
from taxonomy.models import County
from tests.factories import AdFactory

pytestmark = pytest.mark.django_db

HOME = reverse("jobs:home")


def test_templates_come_through_the_cached_loader():
    """Django caches compiled templates unless `loaders` is set: nobody should set it
    without the cached loader around it (settings.TEMPLATES)."""
    engine = engines["django"].engine  # type: ignore[attr-defined]
    assert [type(loader) for loader in engine.template_loaders] == [CachedLoader]


@pytest.fixture
def county(taxonomy):
    return County.objects.order_by("name").first()


@pytest.fixture
def renders(monkeypatch):
    made = []
    original = tags.render_to_string

    def counting(template, context=None, *args, **kwargs):
        if template == tags.REGIONS_TEMPLATE:
            made.append(template)
        return original(template, context, *args, **kwargs)

    monkeypatch.setattr(tags, "render_to_string", counting)
    monkeypatch.setattr(tags, "_regions", {})  # not what an earlier test left
    return made


def count_of(html, county):
    match = re.search(
        rf'\?county={county.slug}">[^<]*</a>\s*<span><span class="count">([^<]*)</span>', html
    )
    assert match, f"no region {county.slug}"
    return match.group(1)


def test_the_regions_are_rendered_once_while_nothing_changes(client, county, renders):
    client.get(HOME)
    client.get(HOME)
    assert len(renders) == 1


def test_a_new_ad_changes_its_regions_count_at_once(client, county, renders):
    assert count_of(client.get(HOME).content.decode(), county) == "0"
    AdFactory(municipality=county.municipalities.first())
    assert count_of(client.get(HOME).content.decode(), county) == "1"
    assert len(renders) == 2


def test_a_renamed_region_shows_its_new_name(client, county):
    client.get(HOME)
    County.objects.filter(pk=county.pk).update(name="Nya Länet")
    taxonomy_cache.clear()
    assert ">Nya Länet</a>" in client.get(HOME).content.decode()


def test_the_regions_follow_the_language_of_the_page(client, county):
    swedish = client.get(HOME).content.decode()
    with translation.override("en"):
        english_home = reverse("jobs:home")
        english_feed = reverse("jobs:county_feed", args=[county.slug])
    english = client.get(english_home).content.decode()
    assert f"flöde med nya jobb i {county.name}, för din flödesläsare" in swedish
    assert f"feed of new jobs in {county.name}, for your feed reader" in english
    assert english_feed in english and english_feed not in swedish
