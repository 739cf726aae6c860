"""The taxonomy as plain tuples, cached: forms, filters and distances read it on every page.

Counties, municipalities and occupation groups change only when `import_taxonomy` runs, so
one query per kind per hour is plenty. `clear()` after an import.
"""

import math
from dataclasses import dataclass

from django.core.cache import cache

KEY = "jobs:taxonomy:v1"
TIMEOUT = 60 * 60


@dataclass(frozen=True)
class Place:
    id: int
    name: str
    slug: str
    county_id: int
    lat: float
    lon: float


@dataclass(frozen=True)
class Taxonomy:
    counties: tuple  # (id, name, slug)
    municipalities: tuple[Place, ...]
    groups: tuple  # (code, name, level) of SSYK levels 1-4

    def county_by_slug(self, slug):
        return next((c for c in self.counties if c[2] == slug), None)

    def municipality_by_slug(self, slug):
        return next((m for m in self.municipalities if m.slug == slug), None)

    def municipality_ids_in(self, county_id):
        return [m.id for m in self.municipalities if m.county_id == county_id]

    def municipality_ids_near(self, place: Place, km: float):
        return [m.id for m in self.municipalities if distance_km(place, m) <= km]


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two centre points (haversine)."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def load() -> Taxonomy:
    from jobs.models import County, Municipality, OccupationGroup

    return Taxonomy(
        counties=tuple(County.objects.order_by("name").values_list("id", "name", "slug")),
        municipalities=tuple(
            Place(id=pk, name=name, slug=slug, county_id=county, lat=float(lat), lon=float(lon))
            for pk, name, slug, county, lat, lon in Municipality.objects.order_by("name")
            .values_list("id", "name", "slug", "county_id", "latitude", "longitude")),
        groups=tuple(OccupationGroup.objects.order_by("code").values_list("code", "name",
                                                                          "level")),
    )


def get() -> Taxonomy:
    taxonomy = cache.get(KEY)
    if taxonomy is None or not taxonomy.counties:
        taxonomy = load()
        cache.set(KEY, taxonomy, TIMEOUT)
    return taxonomy


def clear() -> None:
    cache.delete(KEY)
